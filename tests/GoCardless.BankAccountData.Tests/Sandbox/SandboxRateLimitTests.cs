using System.Net;

namespace GoCardless.BankAccountData.Tests.Sandbox;

public sealed class SandboxRateLimitTests
{
    [Fact]
    public async Task ScopeLimit_AllowsFourSuccessesThenReturns429_WithExactDetailAndHeaders()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var (_, accounts) = await sandbox.LinkAsync("ING_INGBNL2A");
        var url = $"api/v2/accounts/{accounts[0]}/transactions/";

        var remaining = new List<string?>();
        for (var i = 0; i < 4; i++)
        {
            var ok = await sandbox.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, ok.Status);
            Assert.Equal("4", ok.Header("http_x_ratelimit_account_success_limit"));
            remaining.Add(ok.Header("http_x_ratelimit_account_success_remaining"));
            sandbox.Time.Advance(TimeSpan.FromMinutes(10));
        }

        var limited = await sandbox.GetAsync(url);
        var otherScope = await sandbox.GetAsync($"api/v2/accounts/{accounts[0]}/balances/");

        Assert.Equal(["3", "2", "1", "0"], remaining);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal(
            """{"summary":"Rate limit exceeded","detail":"The rate limit for this resource is 4/day. Please try again in 84000 seconds","status_code":429}""",
            limited.Body);
        Assert.Equal("4", limited.Header("http_x_ratelimit_account_success_limit"));
        Assert.Equal("0", limited.Header("http_x_ratelimit_account_success_remaining"));
        Assert.Equal("84000", limited.Header("http_x_ratelimit_account_success_reset"));
        Assert.Equal("100", limited.Header("http_x_ratelimit_limit"));
        Assert.Equal(HttpStatusCode.OK, otherScope.Status);
        Assert.Equal("3", otherScope.Header("http_x_ratelimit_account_success_remaining"));
    }

    [Fact]
    public async Task ScopeLimit_FreesOneCall_WhenOldestSuccessLeavesTheRollingWindow()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var (_, accounts) = await sandbox.LinkAsync("ING_INGBNL2A");
        var url = $"api/v2/accounts/{accounts[0]}/details/";
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await sandbox.GetAsync(url)).Status);
            sandbox.Time.Advance(TimeSpan.FromHours(1));
        }

        sandbox.Time.Advance(TimeSpan.FromHours(20));
        sandbox.ForgetToken();
        var freed = await sandbox.GetAsync(url);
        var full = await sandbox.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, freed.Status);
        Assert.Equal("0", freed.Header("http_x_ratelimit_account_success_remaining"));
        Assert.Equal("3600", freed.Header("http_x_ratelimit_account_success_reset"));
        Assert.NotNull(freed.Json["account"]);
        Assert.Equal(HttpStatusCode.TooManyRequests, full.Status);
        Assert.Equal("The rate limit for this resource is 4/day. Please try again in 3600 seconds", (string)full.Json["detail"]!);
    }

    [Fact]
    public async Task ScopeLimit_IgnoresFailedAndFaultedCalls()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var (_, accounts) = await sandbox.LinkAsync("ING_INGBNL2A");
        var url = $"api/v2/accounts/{accounts[0]}/transactions/";
        await sandbox.AddFaultAsync(new { route = "GET accounts/*/transactions/", kind = "unknown_request_error", count = 2 });
        await sandbox.AddFaultAsync(new { route = "GET accounts/*/transactions/", kind = "malformed_json", count = 1 });

        var failures = new[] { await sandbox.GetAsync(url), await sandbox.GetAsync(url), await sandbox.GetAsync(url) };
        var badDates = await sandbox.GetAsync(url + "?date_from=2030-01-01");
        var successes = new List<Reply>();
        for (var i = 0; i < 4; i++)
        {
            successes.Add(await sandbox.GetAsync(url));
        }

        Assert.Equal(HttpStatusCode.InternalServerError, failures[0].Status);
        Assert.Equal("UnknownRequestError", (string)failures[1].Json["type"]!);
        Assert.Equal(HttpStatusCode.OK, failures[2].Status);
        Assert.Equal(HttpStatusCode.BadRequest, badDates.Status);
        Assert.All(successes, s => Assert.Equal(HttpStatusCode.OK, s.Status));
        Assert.Equal("0", successes[3].Header("http_x_ratelimit_account_success_remaining"));
        var state = await sandbox.ControlAsync(HttpMethod.Get, "state");
        Assert.Equal(4, (int)state.Json["accounts"]![0]!["scope_successes"]!["transactions"]!);
    }

    [Fact]
    public async Task ScopeLimit_IsOff_WhenConfiguredToZero()
    {
        await using var sandbox = await SandboxHarness.StartAsync(o => o.PerScopeDailyLimit = 0);
        var (_, accounts) = await sandbox.LinkAsync("ING_INGBNL2A");

        Reply last = null!;
        for (var i = 0; i < 6; i++)
        {
            last = await sandbox.GetAsync($"api/v2/accounts/{accounts[0]}/balances/");
        }

        Assert.Equal(HttpStatusCode.OK, last.Status);
        Assert.Null(last.Header("http_x_ratelimit_account_success_limit"));
        Assert.NotEmpty(last.Json["balances"]!.AsArray());
    }

    [Fact]
    public async Task GeneralLimit_Returns429PerHour_WhenTokenNewIsCalledTooOften()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        Reply reply = null!;
        for (var i = 0; i < 101; i++)
        {
            reply = await sandbox.SendAsync(HttpMethod.Post, "api/v2/token/new/",
                new { secret_id = sandbox.Server.SecretId, secret_key = sandbox.Server.SecretKey }, auth: false);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, reply.Status);
        Assert.Equal(
            """{"summary":"Rate limit exceeded","detail":"The rate limit for this resource is 100/hour. Please try again in 3600 seconds","status_code":429}""",
            reply.Body);
        Assert.Equal("100", reply.Header("http_x_ratelimit_limit"));
        Assert.Equal("0", reply.Header("http_x_ratelimit_remaining"));
        Assert.Equal("3600", reply.Header("http_x_ratelimit_reset"));
    }

    [Fact]
    public async Task GeneralHeaders_CountDownPerGroup_OnEveryApiResponse()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var first = await sandbox.GetAsync("api/v2/institutions/");
        sandbox.Time.Advance(TimeSpan.FromSeconds(15));
        var second = await sandbox.GetAsync("api/v2/institutions/XX/");
        var requisitions = await sandbox.GetAsync("api/v2/requisitions/");

        Assert.Equal(("300", "299", "60"), (first.Header("http_x_ratelimit_limit"), first.Header("http_x_ratelimit_remaining"), first.Header("http_x_ratelimit_reset")));
        Assert.Equal(HttpStatusCode.NotFound, second.Status);
        Assert.Equal(("298", "45"), (second.Header("http_x_ratelimit_remaining"), second.Header("http_x_ratelimit_reset")));
        Assert.Equal("299", requisitions.Header("http_x_ratelimit_remaining"));
        Assert.Equal(0, (int)requisitions.Json["count"]!);
    }
}
