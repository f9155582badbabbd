using System.Net;

namespace GoCardless.BankAccountData.Tests.Sandbox;

public sealed class SandboxStateTests
{
    [Fact]
    public async Task CreateRequisition_AcceptsExactlyOne_WhenSameReferenceIsSentConcurrently()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var token = await sandbox.AccessAsync();

        var replies = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => sandbox.SendAsync(HttpMethod.Post, "api/v2/requisitions/",
            new { redirect = "https://a.example/", institution_id = "ING_INGBNL2A", reference = "same" }, token: token)));

        Assert.Single(replies, r => r.Status == HttpStatusCode.Created);
        Assert.All(replies.Where(r => r.Status != HttpStatusCode.Created), r =>
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.Status);
            Assert.Equal("""{"reference":{"summary":"Client reference must be unique","detail":"Client reference: same already exists"},"status_code":400}""", r.Body);
        });
        var list = await sandbox.SendAsync(HttpMethod.Get, "api/v2/requisitions/", token: token);
        Assert.Equal(1, (int)list.Json["count"]!);
    }

    [Fact]
    public async Task ScopeLimit_AllowsExactlyFour_WhenCallsArriveConcurrently()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var (_, accounts) = await sandbox.LinkAsync("ING_INGBNL2A");
        var token = await sandbox.AccessAsync();

        var replies = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            sandbox.SendAsync(HttpMethod.Get, $"api/v2/accounts/{accounts[0]}/details/", token: token)));

        Assert.Equal(4, replies.Count(r => r.Status == HttpStatusCode.OK));
        Assert.Equal(8, replies.Count(r => r.Status == HttpStatusCode.TooManyRequests));
        Assert.All(replies.Where(r => r.Status == HttpStatusCode.TooManyRequests), r =>
            Assert.Equal("The rate limit for this resource is 4/day. Please try again in 86400 seconds", (string)r.Json["detail"]!));
    }

    [Fact]
    public async Task ConsentPages_SkipGrantStep_WhenRedirectImmediateIsSet()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var requisition = await sandbox.CreateRequisitionAsync("ING_INGBNL2A", new { redirect_immediate = true, reference = "now" });
        var link = (string)requisition["link"]!;
        await sandbox.Http.GetStringAsync(link, SandboxHarness.Ct);
        await sandbox.PostFormAsync(link, ("step", "GC"), ("action", "approve"));

        var done = await sandbox.PostFormAsync(link, ("step", "UA"), ("action", "approve"), ("psu_id", ""), ("psu_code", ""));

        Assert.Equal(HttpStatusCode.Found, done.Status);
        Assert.Equal("https://app.example/callback?ref=now", done.Location);
        var state = await sandbox.ControlAsync(HttpMethod.Get, "state");
        Assert.Equal("LN", (string)state.Json["requisitions"]![0]!["status"]!);
        Assert.Equal("user", (string)state.Json["requisitions"]![0]!["psu"]!);
        Assert.True((bool)state.Json["requisitions"]![0]!["redirect_issued"]!);
    }

    [Fact]
    public async Task ConsentPages_RejectWithSsnError_WhenSsnFaultIsQueued()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var requisition = await sandbox.CreateRequisitionAsync("ING_INGBNL2A", new { reference = "ssn" });
        await sandbox.AddFaultAsync(new { route = "GET ob-psd2/start/*/*", kind = "SSNVerificationFailed" });

        using var response = await sandbox.Http.GetAsync((string)requisition["link"]!, SandboxHarness.Ct);
        var after = await sandbox.GetAsync($"api/v2/requisitions/{(string)requisition["id"]!}/");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("https://app.example/callback?ref=ssn&error=SSNVerificationFailed&details=SSN+Verification+has+failed",
            response.Headers.Location!.ToString());
        Assert.Equal("RJ", (string)after.Json["status"]!);
    }

    [Fact]
    public async Task Complete_LinksOnlyChosenOrdinals_AndRejectsUnknownOutcome()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var requisition = await sandbox.CreateRequisitionAsync("BARCLAYS_BUKBGB22");
        var id = (string)requisition["id"]!;

        var bad = await sandbox.ControlAsync(HttpMethod.Post, $"requisitions/{id}/complete", new { outcome = "maybe" });
        var linked = await sandbox.ControlAsync(HttpMethod.Post, $"requisitions/{id}/complete", new { outcome = "linked", accounts = new[] { 1 } });
        var after = await sandbox.GetAsync($"api/v2/requisitions/{id}/");

        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal("outcome must be linked, rejected or cancelled", (string)bad.Json["error"]!);
        Assert.Equal(HttpStatusCode.OK, linked.Status);
        var account = (string)after.Json["accounts"]!.AsArray().Single()!;
        var details = await sandbox.GetAsync($"api/v2/accounts/{account}/details/");
        Assert.Equal("CARD", (string)details.Json["account"]!["cashAccountType"]!);
    }

    [Fact]
    public async Task Faults_EuaExpiredAndStateError_UseTheAccountsOwnRecords()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var (id, accounts) = await sandbox.LinkAsync("ING_INGBNL2A");
        var agreement = (string)(await sandbox.GetAsync($"api/v2/requisitions/{id}/")).Json["agreement"]!;
        await sandbox.AddFaultAsync(new { route = "GET accounts/*/balances/", kind = "eua_expired" });
        await sandbox.AddFaultAsync(new { route = "GET accounts/*/balances/", kind = "account_state_error" });

        var expired = await sandbox.GetAsync($"api/v2/accounts/{accounts[0]}/balances/");
        var stateError = await sandbox.GetAsync($"api/v2/accounts/{accounts[0]}/balances/");

        Assert.Equal(HttpStatusCode.Unauthorized, expired.Status);
        Assert.Equal($"End User Agreement (EUA) {agreement} has expired", (string)expired.Json["summary"]!);
        Assert.StartsWith("EUA was valid for 90 days and it expired at 2026-06-08 12:00:00.000000+00:00.", (string)expired.Json["detail"]!,
            StringComparison.Ordinal);
        Assert.Null(expired.Json["type"]);
        Assert.Equal(HttpStatusCode.Conflict, stateError.Status);
        Assert.Equal("ERROR", (string)stateError.Json["status"]!);
        Assert.Equal(accounts[0], (string)stateError.Json["id"]!);
    }

    [Fact]
    public async Task KnownPath_Returns405_WhenMethodIsNotAllowed()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var reply = await sandbox.SendAsync(HttpMethod.Patch, "api/v2/requisitions/", "{}");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, reply.Status);
        Assert.Equal("""{"summary":"Method Not Allowed","detail":"Method \"PATCH\" not allowed.","status_code":405}""", reply.Body);
    }

    [Fact]
    public async Task Config_ChangesLimitsAtRunTime_ThroughControlEndpoint()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var (_, accounts) = await sandbox.LinkAsync("ING_INGBNL2A");

        var config = await sandbox.ControlAsync(HttpMethod.Put, "config", new { per_scope_daily_limit = 1, GeneralLimits = false });
        var first = await sandbox.GetAsync($"api/v2/accounts/{accounts[0]}/details/");
        var second = await sandbox.GetAsync($"api/v2/accounts/{accounts[0]}/details/");
        var invalid = await sandbox.ControlAsync(HttpMethod.Put, "config", new { per_scope_daily_limit = "lots" });

        Assert.Equal(HttpStatusCode.OK, config.Status);
        Assert.Equal(1, (int)config.Json["per_scope_daily_limit"]!);
        Assert.False((bool)config.Json["general_limits"]!);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Null(first.Header("http_x_ratelimit_limit"));
        Assert.Equal("0", first.Header("http_x_ratelimit_account_success_remaining"));
        Assert.Equal(HttpStatusCode.TooManyRequests, second.Status);
        Assert.Equal("The rate limit for this resource is 1/day. Please try again in 86400 seconds", (string)second.Json["detail"]!);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.NotNull(invalid.Json["error"]);
    }

    [Fact]
    public async Task Calls_ListsEveryApiCallWithItsStatus_AndClears()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var token = await sandbox.AccessAsync();
        await sandbox.SendAsync(HttpMethod.Get, "api/v2/institutions/?country=gb", token: token);
        await sandbox.SendAsync(HttpMethod.Get, "api/v2/requisitions/00000000-0000-0000-0000-000000000000/", token: token);

        var calls = await sandbox.ControlAsync(HttpMethod.Get, "calls");
        await sandbox.ControlAsync(HttpMethod.Delete, "calls");
        var cleared = await sandbox.ControlAsync(HttpMethod.Get, "calls");

        var list = calls.Json["calls"]!.AsArray();
        Assert.Equal(["POST token/new/", "GET institutions/", "GET requisitions/00000000-0000-0000-0000-000000000000/"],
            list.Select(c => $"{(string)c!["method"]!} {(string)c["path"]!}"));
        Assert.Equal([200, 200, 404], list.Select(c => (int)c!["status"]!));
        Assert.Empty(cleared.Json["calls"]!.AsArray());
    }
}
