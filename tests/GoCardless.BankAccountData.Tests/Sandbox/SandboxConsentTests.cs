using System.Net;

namespace GoCardless.BankAccountData.Tests.Sandbox;

public sealed class SandboxConsentTests
{
    private const string Reused =
        "&error=RequisitionLinkReused&details=This+link+has+already+been+used+for+authorization+and+is+no+longer+valid.";

    [Fact]
    public async Task ConsentPages_WalkCrGcUaGaLn_AndRedirectWithRef_WhenUserApproves()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var requisition = await sandbox.CreateRequisitionAsync("SANDBOXFINANCE_SFIN0000", new { reference = "flow-1" });
        var id = (string)requisition["id"]!;
        var link = (string)requisition["link"]!;
        Assert.Equal("CR", await StatusAsync(sandbox, id));

        var consent = await sandbox.Http.GetAsync(link, SandboxHarness.Ct);
        var consentHtml = await consent.Content.ReadAsStringAsync(SandboxHarness.Ct);
        Assert.Equal(HttpStatusCode.OK, consent.StatusCode);
        Assert.Contains("Sandbox Finance", consentHtml, StringComparison.Ordinal);
        Assert.Contains("id=\"approve\"", consentHtml, StringComparison.Ordinal);
        Assert.Contains("Transaction history: 90 days.", consentHtml, StringComparison.Ordinal);
        Assert.Equal("GC", await StatusAsync(sandbox, id));

        var toLogin = await sandbox.PostFormAsync(link, ("step", "GC"), ("action", "approve"));
        Assert.Equal(HttpStatusCode.SeeOther, toLogin.Status);
        Assert.Equal("UA", await StatusAsync(sandbox, id));
        var login = await sandbox.Http.GetStringAsync(link, SandboxHarness.Ct);
        Assert.Contains("id=\"psu-id\"", login, StringComparison.Ordinal);
        Assert.Contains("id=\"psu-code\"", login, StringComparison.Ordinal);

        var toGrant = await sandbox.PostFormAsync(link, ("step", "UA"), ("action", "approve"), ("psu_id", "alice"), ("psu_code", "1234"));
        Assert.Equal(HttpStatusCode.SeeOther, toGrant.Status);
        Assert.Equal("GA", await StatusAsync(sandbox, id));

        var done = await sandbox.PostFormAsync(link, ("step", "GA"), ("action", "approve"));
        Assert.Equal(HttpStatusCode.Found, done.Status);
        Assert.Equal("https://app.example/callback?ref=flow-1", done.Location);
        var linked = await sandbox.GetAsync($"api/v2/requisitions/{id}/");
        Assert.Equal("LN", (string)linked.Json["status"]!);
        Assert.Equal(2, linked.Json["accounts"]!.AsArray().Count);
        var eua = await sandbox.GetAsync($"api/v2/agreements/enduser/{(string)linked.Json["agreement"]!}/");
        Assert.Equal("2026-03-10T12:00:00.000000Z", (string)eua.Json["accepted"]!);
    }

    [Fact]
    public async Task ConsentPages_ShowAccountSelection_WhenNationwideRequisitionAsksForIt()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var requisition = await sandbox.CreateRequisitionAsync("NATIONWIDE_NAIAGB21",
            new { account_selection = true, redirect = "https://app.example/cb?x=1" });
        var id = (string)requisition["id"]!;
        var link = (string)requisition["link"]!;
        await sandbox.Http.GetStringAsync(link, SandboxHarness.Ct);
        await sandbox.PostFormAsync(link, ("step", "GC"), ("action", "approve"));
        await sandbox.PostFormAsync(link, ("step", "UA"), ("action", "approve"), ("psu_id", "bob"), ("psu_code", "x"));
        Assert.Equal("SA", await StatusAsync(sandbox, id));

        var selection = await sandbox.Http.GetStringAsync(link, SandboxHarness.Ct);
        var none = await sandbox.PostFormAsync(link, ("step", "SA"), ("action", "approve"));
        var chosen = await sandbox.PostFormAsync(link, ("step", "SA"), ("action", "approve"), ("account", "1"));
        var done = await sandbox.PostFormAsync(link, ("step", "GA"), ("action", "approve"));

        Assert.Equal(2, selection.Split("name=\"account\"").Length - 1);
        Assert.Equal(HttpStatusCode.BadRequest, none.Status);
        Assert.Contains("Select at least one account.", none.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.SeeOther, chosen.Status);
        Assert.Equal(HttpStatusCode.Found, done.Status);
        Assert.Equal($"https://app.example/cb?x=1&ref={id}", done.Location);
        var linked = await sandbox.GetAsync($"api/v2/requisitions/{id}/");
        var account = (string)linked.Json["accounts"]!.AsArray().Single()!;
        var metadata = await sandbox.GetAsync($"api/v2/accounts/{account}/");
        Assert.Equal("Loyalty Saver", (string)metadata.Json["name"]!);
    }

    [Fact]
    public async Task ConsentPages_RejectToRj_WhenUserRejectsAtTheBank()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var requisition = await sandbox.CreateRequisitionAsync("ING_INGBNL2A", new { reference = "rj" });
        var link = (string)requisition["link"]!;
        await sandbox.Http.GetStringAsync(link, SandboxHarness.Ct);
        await sandbox.PostFormAsync(link, ("step", "GC"), ("action", "approve"));

        var rejected = await sandbox.PostFormAsync(link, ("step", "UA"), ("action", "reject"));

        Assert.Equal(HttpStatusCode.Found, rejected.Status);
        Assert.StartsWith("https://app.example/callback?ref=rj&error=UserSessionRejected&details=", rejected.Location, StringComparison.Ordinal);
        Assert.Equal("RJ", await StatusAsync(sandbox, (string)requisition["id"]!));
    }

    [Fact]
    public async Task ConsentPages_KeepStageAndRedirectCancelled_WhenUserCancels()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var requisition = await sandbox.CreateRequisitionAsync("ING_INGBNL2A", new { reference = "cx" });
        var link = (string)requisition["link"]!;
        await sandbox.Http.GetStringAsync(link, SandboxHarness.Ct);

        var cancelled = await sandbox.PostFormAsync(link, ("step", "GC"), ("action", "cancel"));
        var reused = await sandbox.Http.GetAsync(link, SandboxHarness.Ct);

        Assert.Equal(HttpStatusCode.Found, cancelled.Status);
        Assert.Equal("https://app.example/callback?ref=cx&error=UserCancelledSession&details=User+cancelled+the+session.", cancelled.Location);
        Assert.Equal("GC", await StatusAsync(sandbox, (string)requisition["id"]!));
        Assert.Equal(HttpStatusCode.Found, reused.StatusCode);
        Assert.Equal("https://app.example/callback?ref=cx" + Reused, reused.Headers.Location!.ToString());
    }

    [Fact]
    public async Task ConsentPages_RedirectLinkReused_WhenLinkIsOpenedAfterLinking()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var requisition = await sandbox.CreateRequisitionAsync("ING_INGBNL2A", new { reference = "again" });
        var complete = await sandbox.ControlAsync(HttpMethod.Post, $"requisitions/{(string)requisition["id"]!}/complete", new { outcome = "linked" });

        var reused = await sandbox.Http.GetAsync((string)requisition["link"]!, SandboxHarness.Ct);
        var secondComplete = await sandbox.ControlAsync(HttpMethod.Post, $"requisitions/{(string)requisition["id"]!}/complete", new { outcome = "linked" });

        Assert.Equal(HttpStatusCode.OK, complete.Status);
        Assert.Equal("https://app.example/callback?ref=again", (string)complete.Json["redirect_url"]!);
        Assert.Equal(HttpStatusCode.Found, reused.StatusCode);
        Assert.Equal("https://app.example/callback?ref=again" + Reused, reused.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Conflict, secondComplete.Status);
        Assert.Equal("RequisitionLinkReused", (string)secondComplete.Json["error"]!);
    }

    [Fact]
    public async Task ConsentPages_ResumeCurrentStep_WhenPageIsReloadedOrStaleFormIsPosted()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var requisition = await sandbox.CreateRequisitionAsync("ING_INGBNL2A");
        var link = (string)requisition["link"]!;
        await sandbox.Http.GetStringAsync(link, SandboxHarness.Ct);
        await sandbox.PostFormAsync(link, ("step", "GC"), ("action", "approve"));

        var stale = await sandbox.PostFormAsync(link, ("step", "GC"), ("action", "approve"));
        var reloaded = await sandbox.Http.GetStringAsync(link, SandboxHarness.Ct);

        Assert.Equal(HttpStatusCode.SeeOther, stale.Status);
        Assert.Contains("data-status=\"UA\"", reloaded, StringComparison.Ordinal);
        Assert.Equal("UA", await StatusAsync(sandbox, (string)requisition["id"]!));
    }

    [Fact]
    public async Task ConsentPages_Return404Html_WhenLinkIsUnknown()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        using var response = await sandbox.Http.GetAsync($"ob-psd2/start/{Guid.NewGuid()}/ING_INGBNL2A", SandboxHarness.Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("This consent link does not exist.", await response.Content.ReadAsStringAsync(SandboxHarness.Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsentPages_EndWithInjectedError_WhenConsentFaultIsQueued()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var requisition = await sandbox.CreateRequisitionAsync("ING_INGBNL2A", new { reference = "f" });
        await sandbox.AddFaultAsync(new { route = "GET ob-psd2/start/*/*", kind = "InstitutionTimeoutError" });

        using var response = await sandbox.Http.GetAsync((string)requisition["link"]!, SandboxHarness.Ct);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(
            "https://app.example/callback?ref=f&error=InstitutionTimeoutError&details=A+timeout+occurred+while+trying+to+connect+to+the+institution%2C+please+try+again.",
            response.Headers.Location!.ToString());
        Assert.Equal("CR", await StatusAsync(sandbox, (string)requisition["id"]!));
    }

    [Fact]
    public async Task Complete_SameUserGetsSameIbans_WhenReconnectingWithANewRequisition()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var (_, first) = await sandbox.LinkAsync("MONZO_MONZGB2L", psu: "carol");
        var (_, second) = await sandbox.LinkAsync("MONZO_MONZGB2L", psu: "carol");
        var (_, other) = await sandbox.LinkAsync("MONZO_MONZGB2L", psu: "dave");

        var a = await sandbox.GetAsync($"api/v2/accounts/{first[0]}/");
        var b = await sandbox.GetAsync($"api/v2/accounts/{second[0]}/");
        var c = await sandbox.GetAsync($"api/v2/accounts/{other[0]}/");
        Assert.NotEqual(first[0], second[0]);
        Assert.Equal((string)a.Json["iban"]!, (string)b.Json["iban"]!);
        Assert.NotEqual((string)a.Json["iban"]!, (string)c.Json["iban"]!);
    }

    private static async Task<string> StatusAsync(SandboxHarness sandbox, string id) =>
        (string)(await sandbox.GetAsync($"api/v2/requisitions/{id}/")).Json["status"]!;
}
