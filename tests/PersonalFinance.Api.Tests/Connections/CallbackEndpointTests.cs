using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Tests.Infrastructure;

namespace PersonalFinance.Api.Tests.Connections;

public sealed class CallbackEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Callback_CompletesTheWholeFlow_WhenTheUserApprovesOnTheConsentPages()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateClient(await api.CreateUserAsync(cancellationToken: Ct));
        var created = await ConnectionsTestHelpers.CreateAsync(api, client, "NATIONWIDE_NAIAGB21");
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });

        var page = await browser.GetStringAsync(created.Link, Ct);
        Assert.Contains("id=\"approve\"", page, StringComparison.Ordinal);
        var next = await SubmitAsync(browser, created.Link, "GC", "approve");
        Assert.Equal("UA", (await api.Sandbox.RequisitionAsync(created.RequisitionId))!.Value.GetProperty("status").GetString());
        next = await SubmitAsync(browser, next, "UA", "approve", ("psu_id", "carol"), ("psu_code", "1234"));
        // Nationwide supports account selection only when asked; without it the grant page follows the bank login.
        var location = await SubmitAsync(browser, next, "GA", "approve");

        Assert.Equal($"http://127.0.0.1:{api.Port}/api/connections/callback?ref={created.Reference}", location.ToString());
        using var callback = await client.GetAsync(location, Ct);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal($"http://127.0.0.1:{api.Port}/accounts?callback=success", callback.Headers.Location!.ToString());
        var connection = await ConnectionsTestHelpers.GetConnectionAsync(client, created.Id);
        Assert.Equal("active", connection.GetProperty("status").GetString());
        Assert.Equal(2, connection.GetProperty("account_count").GetInt32());
    }

    [Theory]
    [InlineData("cancelled", "user_cancelled")]
    [InlineData("rejected", "rejected")]
    public async Task Callback_RedirectsWithReason_WhenTheUserDoesNotComplete(string outcome, string reason)
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateClient(await api.CreateUserAsync(cancellationToken: Ct));
        var created = await ConnectionsTestHelpers.CreateAsync(api, client);

        using var callback = await client.GetAsync(await api.Sandbox.CompleteAsync(created.RequisitionId, outcome), Ct);

        Assert.Equal($"http://127.0.0.1:{api.Port}/accounts?callback=error&reason={reason}", callback.Headers.Location!.ToString());
        var expected = outcome == "rejected" ? "error" : "pending";
        Assert.Equal(expected, (await ConnectionsTestHelpers.GetConnectionAsync(client, created.Id)).GetProperty("status").GetString());
    }

    [Fact]
    [Trait("Requirement", "S17")]
    public async Task Callback_RejectsMissingOrUnknownRef_WithoutCallingGoCardless()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();
        var callsBefore = await api.Sandbox.CallsAsync();

        using var missing = await client.GetAsync("/api/connections/callback", Ct);
        using var blank = await client.GetAsync("/api/connections/callback?ref=%20", Ct);
        using var unknown = await client.GetAsync($"/api/connections/callback?ref={Guid.NewGuid()}", Ct);
        using var notUuid = await client.GetAsync("/api/connections/callback?ref=../../etc", Ct);

        await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.BadRequest, "The ref parameter is required.");
        await ProblemAssert.IsProblemAsync(blank, HttpStatusCode.BadRequest, "The ref parameter is required.");
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, "No bank connection matches this reference.");
        await ProblemAssert.IsProblemAsync(notUuid, HttpStatusCode.NotFound, "No bank connection matches this reference.");
        Assert.Equal(callsBefore, await api.Sandbox.CallsAsync());
        foreach (var response in new[] { missing, unknown })
        {
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            Assert.Equal("no-referrer", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
        }
    }

    [Fact]
    [Trait("Requirement", "S15")]
    [Trait("Requirement", "S16")]
    public async Task Callback_RedirectsOnlyToTheFrontend_WhateverTheQueryHolds()
    {
        await using var api = await TestApi.StartAsync(o => o.Settings["App:FrontendUrl"] = "https://app.example.com", Ct);
        using var client = api.CreateClient(await api.CreateUserAsync(cancellationToken: Ct));
        var created = await ConnectionsTestHelpers.CreateAsync(api, client);
        var callback = await api.Sandbox.CompleteAsync(created.RequisitionId, "cancelled");
        var hostile = $"{callback}&redirect=https://evil.example&returnUrl=//evil.example&next=https://evil.example&url=javascript:alert(1)";

        using var response = await client.GetAsync(hostile, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("https://app.example.com/accounts?callback=error&reason=user_cancelled", response.Headers.Location!.ToString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("no-referrer", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
        Assert.DoesNotContain(created.Reference, response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "S18")]
    public async Task Callback_IgnoresStatusAndAccountsInTheQuery_AndKeepsWhatGoCardlessReports()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateClient(await api.CreateUserAsync(cancellationToken: Ct));
        var created = await ConnectionsTestHelpers.CreateAsync(api, client);

        using var response = await client.GetAsync($"/api/connections/callback?ref={created.Reference}&status=LN&accounts={Guid.NewGuid()}&user=admin", Ct);

        Assert.EndsWith("?callback=error&reason=incomplete", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        await using var db = api.CreateDbContext();
        Assert.Equal("CR", (await db.GcRequisitionLinks.SingleAsync(r => r.Id == created.RequisitionId, Ct)).Status);
        Assert.Equal(0, await db.Accounts.CountAsync(Ct));
        Assert.Equal("pending", (await ConnectionsTestHelpers.GetConnectionAsync(client, created.Id)).GetProperty("status").GetString());
    }

    [Fact]
    [Trait("Requirement", "S21")]
    [Trait("Requirement", "F14")]
    public async Task Callback_ChangesStateOnce_WhenCalledTwiceAndTwentyTimesAtOnce()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateClient(await api.CreateUserAsync(cancellationToken: Ct));
        var created = await ConnectionsTestHelpers.CreateAsync(api, client);
        var callback = await api.Sandbox.CompleteAsync(created.RequisitionId);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetAsync(callback, Ct)));
        using var again = await client.GetAsync(callback, Ct);

        Assert.All(responses.Append(again), r => Assert.Equal($"http://127.0.0.1:{api.Port}/accounts?callback=success", r.Headers.Location!.ToString()));
        Assert.Single(api.Logs.Entries, l => l.EventId.Id == 3001 && l.Message.Contains(created.Id.ToString(), StringComparison.Ordinal));
        await using var db = api.CreateDbContext();
        Assert.Equal(2, await db.Accounts.CountAsync(a => a.ConnectionId == created.Id, Ct));
        Assert.Equal(2, await db.GcBankAccounts.CountAsync(Ct));
        Assert.Equal(1, await db.Jobs.CountAsync(j => j.EntityId == created.Id, Ct));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    [Trait("Requirement", "S25")]
    public async Task Callback_NeverWritesTheRefOrTheConsentLinkToLogs()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateClient(await api.CreateUserAsync(cancellationToken: Ct));
        var created = await ConnectionsTestHelpers.CreateAsync(api, client);
        var callback = await api.Sandbox.CompleteAsync(created.RequisitionId);
        using var response = await client.GetAsync(callback, Ct);
        using var unknown = await client.GetAsync($"/api/connections/callback?ref={Guid.NewGuid()}", Ct);

        var linkId = created.Link.Split('/')[^2];
        foreach (var log in api.Logs.Entries)
        {
            var text = $"{log.Message} {log.Exception} {string.Join(" ", log.State.Select(p => p.Value))}";
            Assert.DoesNotContain(created.Reference, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(linkId, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Callback_StillSucceeds_WhenTheAccountsAreStillProcessing()
    {
        await using var api = await TestApi.StartAsync(o => o.ConfigureSandbox = sandbox => sandbox.ProcessingDelay = TimeSpan.FromMinutes(5), Ct);
        using var client = api.CreateClient(await api.CreateUserAsync(cancellationToken: Ct));
        var created = await ConnectionsTestHelpers.CreateAsync(api, client);

        using var callback = await client.GetAsync(await api.Sandbox.CompleteAsync(created.RequisitionId), Ct);

        Assert.EndsWith("/accounts?callback=success", callback.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal("active", (await ConnectionsTestHelpers.GetConnectionAsync(client, created.Id)).GetProperty("status").GetString());
        var accounts = await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/accounts?connection_id={created.Id}", Ct);
        Assert.All(accounts.GetProperty("accounts").EnumerateArray(), a => Assert.Equal("inactive", a.GetProperty("status").GetString()));
        Assert.Contains(api.Logs.Entries, l => l.EventId.Id == 3002);
    }

    [Fact]
    [Trait("Requirement", "S22")]
    public async Task Callback_IsRateLimitedPerClientIp()
    {
        await using var api = await TestApi.StartAsync(o => o.Settings["Callback:RateLimit:Permits"] = "5", Ct);
        using var client = api.CreateRawClient();

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++)
        {
            responses.Add(await client.GetAsync($"/api/connections/callback?ref={Guid.NewGuid()}", Ct));
        }

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.NotFound));
        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(3, limited.Count);
        await ProblemAssert.IsProblemAsync(limited[0], HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited[0].Headers.RetryAfter);
        responses.ForEach(r => r.Dispose());
    }

    private static async Task<Uri> SubmitAsync(HttpClient browser, string url, string step, string action, params (string Name, string Value)[] fields)
    {
        var form = new List<KeyValuePair<string, string>> { new("step", step), new("action", action) };
        form.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        using var response = await browser.PostAsync(url, new FormUrlEncodedContent(form), Ct);
        Assert.True((int)response.StatusCode is 302 or 303, $"{step}: {(int)response.StatusCode}");
        return new Uri(new Uri(url), response.Headers.Location!);
    }

    private static Task<Uri> SubmitAsync(HttpClient browser, Uri url, string step, string action, params (string Name, string Value)[] fields) =>
        SubmitAsync(browser, url.ToString(), step, action, fields);
}
