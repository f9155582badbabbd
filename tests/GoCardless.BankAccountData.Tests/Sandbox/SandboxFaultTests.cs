using System.Net;
using System.Text.Json;

namespace GoCardless.BankAccountData.Tests.Sandbox;

public sealed class SandboxFaultTests
{
    [Fact]
    public async Task Fault_ForcesCountResponses_ThenNormalResponsesResume()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var (_, accounts) = await sandbox.LinkAsync("ING_INGBNL2A");
        await sandbox.AddFaultAsync(new { route = "GET accounts/*/balances/", kind = "connection_error", count = 2 });
        var listed = await sandbox.ControlAsync(HttpMethod.Get, "faults");

        var first = await sandbox.GetAsync($"api/v2/accounts/{accounts[0]}/balances/");
        var second = await sandbox.GetAsync($"api/v2/accounts/{accounts[0]}/balances/");
        var third = await sandbox.GetAsync($"api/v2/accounts/{accounts[0]}/balances/");

        Assert.Equal("connection_error", (string)listed.Json[0]!["kind"]!);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.Status);
        Assert.Equal(
            """{"summary":"Couldn't update account balances","detail":"Couldn't connect to Institution","type":"ConnectionError","status_code":503}""",
            first.Body);
        Assert.Equal(first.Body, second.Body);
        Assert.Equal(HttpStatusCode.OK, third.Status);
        Assert.NotEmpty(third.Json["balances"]!.AsArray());
    }

    [Fact]
    public async Task Fault_AppliesOnlyToItsAccount_WhenAccountIdIsGiven()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var (_, accounts) = await sandbox.LinkAsync("SANDBOXFINANCE_SFIN0000");
        await sandbox.AddFaultAsync(new { route = "GET accounts/*/details/", kind = "access_expired", account_id = accounts[1] });

        var other = await sandbox.GetAsync($"api/v2/accounts/{accounts[0]}/details/");
        var target = await sandbox.GetAsync($"api/v2/accounts/{accounts[1]}/details/");

        Assert.Equal(HttpStatusCode.OK, other.Status);
        Assert.Equal("John Doe", (string)other.Json["account"]!["ownerName"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, target.Status);
        Assert.Equal(
            """{"summary":"Couldn't update account details","detail":"Access has expired or it has been revoked. To restore access reconnect the account.","type":"AccessExpiredError","status_code":401}""",
            target.Body);
    }

    [Fact]
    public async Task Fault_MalformedJson_Returns200WithTruncatedJsonBody()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var (_, accounts) = await sandbox.LinkAsync("ING_INGBNL2A");
        await sandbox.AddFaultAsync(new { route = "GET accounts/*/transactions/", kind = "malformed_json" });

        var reply = await sandbox.GetAsync($"api/v2/accounts/{accounts[0]}/transactions/");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("application/json", reply.ContentType);
        Assert.StartsWith("{\"transactions\":", reply.Body, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(reply.Body).Dispose());
    }

    [Fact]
    public async Task Fault_RateLimitAccount_Returns429WithResetHeaders_OrDetailOnlyWhenHeadersOmitted()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var (_, accounts) = await sandbox.LinkAsync("ING_INGBNL2A");
        await sandbox.AddFaultAsync(new { route = "GET accounts/*/transactions/", kind = "rate_limit_account", reset_seconds = 1234 });
        await sandbox.AddFaultAsync(new { route = "GET accounts/*/transactions/", kind = "rate_limit_account", reset_seconds = 77, omit_headers = true });

        var withHeaders = await sandbox.GetAsync($"api/v2/accounts/{accounts[0]}/transactions/");
        var withoutHeaders = await sandbox.GetAsync($"api/v2/accounts/{accounts[0]}/transactions/");

        Assert.Equal(HttpStatusCode.TooManyRequests, withHeaders.Status);
        Assert.Equal(
            """{"summary":"Rate limit exceeded","detail":"The rate limit for this resource is 4/day. Please try again in 1234 seconds","status_code":429}""",
            withHeaders.Body);
        Assert.Equal("1234", withHeaders.Header("http_x_ratelimit_account_success_reset"));
        Assert.Equal("0", withHeaders.Header("http_x_ratelimit_account_success_remaining"));
        Assert.Equal(HttpStatusCode.TooManyRequests, withoutHeaders.Status);
        Assert.Equal("The rate limit for this resource is 4/day. Please try again in 77 seconds", (string)withoutHeaders.Json["detail"]!);
        Assert.Null(withoutHeaders.Header("http_x_ratelimit_account_success_reset"));
    }

    [Fact]
    public async Task Fault_RateLimitGeneral_Returns429PerMinute()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await sandbox.AddFaultAsync(new { route = "GET institutions/", kind = "rate_limit_general", reset_seconds = 42 });

        var reply = await sandbox.GetAsync("api/v2/institutions/");

        Assert.Equal(HttpStatusCode.TooManyRequests, reply.Status);
        Assert.Equal(
            """{"summary":"Rate limit exceeded","detail":"The rate limit for this resource is 100/minute. Please try again in 42 seconds","status_code":429}""",
            reply.Body);
        Assert.Equal("42", reply.Header("http_x_ratelimit_reset"));
    }

    [Fact]
    public async Task Fault_Delay_ReturnsTheNormalResponse()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await sandbox.AddFaultAsync(new { route = "GET institutions/*/", kind = "delay", delay_ms = 50 });

        var reply = await sandbox.GetAsync("api/v2/institutions/ING_INGBNL2A/");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("ING", (string)reply.Json["name"]!);
        var faults = await sandbox.ControlAsync(HttpMethod.Get, "faults");
        Assert.Empty(faults.Json.AsArray());
    }

    [Theory]
    [InlineData("drop_connection", 0)]
    [InlineData("timeout", 50)]
    public async Task Fault_AbortsTheConnection_ForDropAndTimeout(string kind, int delayMs)
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var token = await sandbox.AccessAsync();
        await sandbox.AddFaultAsync(new { route = "GET requisitions/", kind, delay_ms = delayMs });

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => sandbox.GetAsync("api/v2/requisitions/"));
        var after = await sandbox.SendAsync(HttpMethod.Get, "api/v2/requisitions/", token: token);

        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Equal(0, (int)after.Json["count"]!);
    }

    [Fact]
    public async Task Fault_GatewayHtml_Returns502WithHtmlBody()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await sandbox.AddFaultAsync(new { route = "POST requisitions/", kind = "gateway_html" });

        var reply = await sandbox.SendAsync(HttpMethod.Post, "api/v2/requisitions/", new { redirect = "https://a.example/", institution_id = "ING_INGBNL2A" });

        Assert.Equal(HttpStatusCode.BadGateway, reply.Status);
        Assert.Equal("text/html", reply.ContentType);
        Assert.Contains("<h1>502 Bad Gateway</h1>", reply.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("internal_error", 500, null)]
    [InlineData("rate_limit_bank", 429, "RateLimitError")]
    [InlineData("service_error", 503, "ServiceError")]
    [InlineData("account_inactive", 401, "AccountInactiveError")]
    [InlineData("forbidden", 403, "AccountAccessForbidden")]
    [InlineData("processing", 409, "AccountProcessing")]
    [InlineData("invalid_token", 401, null)]
    public async Task Fault_ReturnsDocumentedStatusAndType_ForEachKind(string kind, int status, string? type)
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var (_, accounts) = await sandbox.LinkAsync("ING_INGBNL2A");
        await sandbox.AddFaultAsync(new { route = "GET accounts/*/transactions/", kind });

        var reply = await sandbox.GetAsync($"api/v2/accounts/{accounts[0]}/transactions/");

        Assert.Equal((HttpStatusCode)status, reply.Status);
        Assert.Equal(status, (int)reply.Json["status_code"]!);
        Assert.Equal(type, (string?)reply.Json["type"]);
        if (kind == "internal_error")
        {
            Assert.Matches("^Something went terribly wrong on our side - please contact support and provide error id: [0-9a-f]{32}$",
                (string)reply.Json["detail"]!);
        }
    }

    [Fact]
    public async Task Faults_AreClearedByDeleteAndReset()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await sandbox.AddFaultAsync(new { route = "GET institutions/", kind = "internal_error", count = 5 });

        var cleared = await sandbox.ControlAsync(HttpMethod.Delete, "faults");
        var reply = await sandbox.GetAsync("api/v2/institutions/");
        await sandbox.CreateRequisitionAsync("ING_INGBNL2A");
        var reset = await sandbox.ControlAsync(HttpMethod.Post, "reset");
        var list = await sandbox.GetAsync("api/v2/requisitions/");

        Assert.Equal(HttpStatusCode.OK, cleared.Status);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(11, reply.Json.AsArray().Count);
        Assert.Equal(HttpStatusCode.OK, reset.Status);
        Assert.Equal(0, (int)list.Json["count"]!);
    }

    [Fact]
    public async Task AddFault_Returns400_WhenKindIsUnknown()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var reply = await sandbox.ControlAsync(HttpMethod.Post, "faults", new { route = "GET institutions/", kind = "meteor" });

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("unknown kind 'meteor'", (string)reply.Json["error"]!);
    }
}
