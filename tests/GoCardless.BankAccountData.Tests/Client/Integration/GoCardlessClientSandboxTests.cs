using System.Net;
using GoCardless.BankAccountData.Tests.Client.Infrastructure;

namespace GoCardless.BankAccountData.Tests.Client.Integration;

/// <summary>The client against the sandbox over real HTTP: every endpoint, tokens, retries, limits, timeouts and the breaker.</summary>
public sealed class GoCardlessClientSandboxTests
{
    private const string TransactionsRoute = "GET accounts/*/transactions/";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryEndpoint_WorksAgainstSandbox_ThroughFullConnectionFlow()
    {
        await using var harness = await SandboxHarness.StartAsync(Token);
        var client = harness.Client;

        var gb = await client.ListInstitutionsAsync(new InstitutionQuery { Country = "gb" }, Token);
        Assert.Contains(gb.Value, i => i.Id == "NATIONWIDE_NAIAGB21" && i.TransactionTotalDays == 730);
        Assert.DoesNotContain(gb.Value, i => i.Id == "SANDBOXFINANCE_SFIN0000");
        Assert.NotNull(gb.RateLimits.Remaining);
        var selection = await client.ListInstitutionsAsync(new InstitutionQuery { Country = "GB", AccountSelectionSupported = true }, Token);
        Assert.All(selection.Value, i => Assert.NotEqual("MONZO_MONZGB2L", i.Id));

        var bank = (await client.GetInstitutionAsync("SANDBOXFINANCE_SFIN0000", Token)).Value;
        Assert.Equal(90, bank.TransactionTotalDays);
        Assert.Equal(180, bank.MaxAccessValidForDays);

        var agreement = (await client.CreateAgreementAsync(CreateAgreementRequest.ForInstitution(bank), Token)).Value;
        Assert.Equal(90, agreement.MaxHistoricalDays);
        Assert.Equal(180, agreement.AccessValidForDays);
        Assert.Null(agreement.Accepted);
        Assert.Equal(agreement.Id, (await client.GetAgreementAsync(agreement.Id, Token)).Value.Id);
        Assert.Contains((await client.ListAgreementsAsync(cancellationToken: Token)).Value, a => a.Id == agreement.Id);
        var accept = await Assert.ThrowsAsync<GoCardlessForbiddenException>(() => client.AcceptAgreementAsync(agreement.Id, "Mozilla/5.0", "203.0.113.7", Token));
        Assert.Equal("Insufficient permissions", accept.Summary);

        var reference = Guid.NewGuid().ToString();
        var created = (await client.CreateRequisitionAsync(
            new CreateRequisitionRequest
            {
                Redirect = new Uri("https://app.example.com/callback"),
                InstitutionId = bank.Id,
                Reference = reference,
                Agreement = agreement.Id,
                UserLanguage = "EN",
            },
            Token)).Value;
        Assert.Equal(RequisitionStatus.Created, created.Status);
        Assert.Equal(reference, created.Reference);
        Assert.Empty(created.Accounts);

        var redirect = await harness.LinkAsync(created.Id, Token);
        Assert.Contains("ref=" + reference, redirect, StringComparison.Ordinal);
        var linked = (await client.GetRequisitionAsync(created.Id, Token)).Value;
        Assert.Equal(RequisitionStatus.Linked, linked.Status);
        Assert.Equal(2, linked.Accounts.Count);
        Assert.Contains((await client.ListRequisitionsAsync(cancellationToken: Token)).Value, r => r.Id == created.Id);

        var accountId = linked.Accounts[0];
        var metadata = (await client.GetAccountAsync(accountId, Token)).Value;
        Assert.Equal(GoCardlessAccountStatus.Ready, metadata.Status);
        Assert.StartsWith("GL", metadata.Iban, StringComparison.Ordinal);

        var details = await client.GetAccountDetailsAsync(accountId, Token);
        Assert.Equal("EUR", details.Value.Currency);
        Assert.Equal(4, details.RateLimits.AccountSuccessLimit);
        Assert.Equal(3, details.RateLimits.AccountSuccessRemaining);

        var balances = (await client.GetAccountBalancesAsync(accountId, Token)).Value;
        Assert.Equal(1913.12m, balances.Current?.Amount);

        var transactions = (await client.GetAccountTransactionsAsync(accountId, cancellationToken: Token)).Value;
        Assert.NotEmpty(transactions.Booked);
        Assert.Empty(transactions.Skipped);
        Assert.All(transactions.Booked, t => Assert.StartsWith("{", t.RawJson, StringComparison.Ordinal));
        Assert.NotNull(transactions.LastUpdated);

        var today = DateOnly.FromDateTime(harness.Clock.GetUtcNow().UtcDateTime);
        var narrowed = (await client.GetAccountTransactionsAsync(accountId, today.AddDays(-10), today, Token)).Value;
        Assert.All(narrowed.Booked, t => Assert.True(t.BookingDate >= today.AddDays(-10) || t.ValueDate >= today.AddDays(-10)));

        var deleted = await client.DeleteRequisitionAsync(created.Id, Token);
        Assert.Equal("Requisition deleted", deleted.Value.Summary);
        await Assert.ThrowsAsync<GoCardlessNotFoundException>(() => client.GetRequisitionAsync(created.Id, Token));
        Assert.False(await client.DeleteRequisitionIfExistsAsync(created.Id, Token));

        var spare = (await client.CreateAgreementAsync(new CreateAgreementRequest { InstitutionId = bank.Id }, Token)).Value;
        Assert.True(await client.DeleteAgreementIfExistsAsync(spare.Id, Token));
        await Assert.ThrowsAsync<GoCardlessNotFoundException>(() => client.GetAgreementAsync(spare.Id, Token));
    }

    [Fact]
    public async Task TokenEndpoints_AreCallableDirectly()
    {
        await using var harness = await SandboxHarness.StartAsync(Token);

        var pair = (await harness.Client.CreateTokenAsync(Token)).Value;
        var refreshed = (await harness.Client.RefreshTokenAsync(pair.RefreshToken!, Token)).Value;

        Assert.True(pair.AccessExpiresAt > harness.Clock.GetUtcNow());
        Assert.NotNull(pair.RefreshExpiresAt);
        Assert.Null(refreshed.RefreshToken);
        Assert.NotEqual(pair.AccessToken, refreshed.AccessToken);
        Assert.DoesNotContain(pair.AccessToken, pair.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAgreements_FollowsPagination_UntilNextIsNull()
    {
        await using var harness = await SandboxHarness.StartAsync(Token);
        for (var i = 0; i < 5; i++)
        {
            await harness.Client.CreateAgreementAsync(new CreateAgreementRequest { InstitutionId = "SANDBOXFINANCE_SFIN0000" }, Token);
        }

        var all = await harness.Client.ListAgreementsAsync(pageSize: 2, Token);

        Assert.Equal(5, all.Value.Select(a => a.Id).Distinct().Count());
        Assert.Equal(3, harness.AttemptCount("GET agreements/enduser/"));
    }

    [Fact]
    public async Task Token_IsRefreshedKeepingRefreshToken_WhenClockPassesAccessExpiry()
    {
        await using var harness = await SandboxHarness.StartAsync(Token, sandbox: o => o.AccessTokenLifetime = TimeSpan.FromHours(1));
        await harness.Client.ListInstitutionsAsync(new InstitutionQuery { Country = "gb" }, Token);

        harness.Clock.Advance(TimeSpan.FromMinutes(59.5));
        await harness.Client.ListInstitutionsAsync(new InstitutionQuery { Country = "gb" }, Token);
        harness.Clock.Advance(TimeSpan.FromHours(1));
        await harness.Client.ListInstitutionsAsync(new InstitutionQuery { Country = "gb" }, Token);

        Assert.Equal(1, harness.AttemptCount("POST token/new/"));
        Assert.Equal(2, harness.AttemptCount("POST token/refresh/"));
        Assert.Equal(3, harness.AttemptCount("GET institutions/"));
    }

    [Fact]
    [Trait("Requirement", "F9")]
    public async Task Token_IsRenewedWithSecretsOnce_WhenRefreshTokenExpiredToo()
    {
        await using var harness = await SandboxHarness.StartAsync(
            Token,
            sandbox: o =>
            {
                o.AccessTokenLifetime = TimeSpan.FromMinutes(10);
                o.RefreshTokenLifetime = TimeSpan.FromMinutes(20);
            });
        await harness.Client.ListInstitutionsAsync(new InstitutionQuery { Country = "gb" }, Token);

        harness.Clock.Advance(TimeSpan.FromMinutes(30));
        await harness.Client.ListInstitutionsAsync(new InstitutionQuery { Country = "gb" }, Token);

        Assert.Equal(2, harness.AttemptCount("POST token/new/"));
        Assert.Equal(0, harness.AttemptCount("POST token/refresh/"));
    }

    [Fact]
    [Trait("Requirement", "F9")]
    public async Task Token_IsRenewedWithSecrets_WhenSandboxRefusesRefresh()
    {
        await using var harness = await SandboxHarness.StartAsync(Token, sandbox: o => o.AccessTokenLifetime = TimeSpan.FromHours(1));
        await harness.Client.ListInstitutionsAsync(new InstitutionQuery { Country = "gb" }, Token);
        // Only the sandbox moves: the client still trusts its refresh token, the sandbox finds it expired and refuses it.
        harness.Clock.Advance(TimeSpan.FromHours(2));
        await harness.AdvanceSandboxOnlyAsync(TimeSpan.FromDays(31), Token);

        await harness.Client.ListInstitutionsAsync(new InstitutionQuery { Country = "gb" }, Token);

        Assert.Equal(1, harness.AttemptCount("POST token/refresh/"));
        Assert.Equal(2, harness.AttemptCount("POST token/new/"));
    }

    [Fact]
    public async Task Call_ReauthenticatesAndReplaysOnce_WhenInvalidTokenFault()
    {
        await using var harness = await SandboxHarness.StartAsync(Token);
        await harness.Client.ListInstitutionsAsync(new InstitutionQuery { Country = "gb" }, Token);
        await harness.AddFaultAsync(new { route = "POST agreements/enduser/", kind = "invalid_token", count = 1 }, Token);

        var agreement = await harness.Client.CreateAgreementAsync(new CreateAgreementRequest { InstitutionId = "SANDBOXFINANCE_SFIN0000" }, Token);

        Assert.NotEmpty(agreement.Value.Id);
        Assert.Equal(2, harness.AttemptCount("POST agreements/enduser/"));
        Assert.Equal(1, harness.AttemptCount("POST token/refresh/"));
        using var state = await harness.StateAsync(Token);
        Assert.Equal(1, state.RootElement.GetProperty("agreements").GetArrayLength());
    }

    [Fact]
    public async Task Call_ThrowsTokenInvalid_WhenInvalidTokenTwice()
    {
        await using var harness = await SandboxHarness.StartAsync(Token);
        await harness.AddFaultAsync(new { route = "GET institutions/", kind = "invalid_token", count = 2 }, Token);

        var exception = await Assert.ThrowsAsync<GoCardlessTokenInvalidException>(
            () => harness.Client.ListInstitutionsAsync(new InstitutionQuery { Country = "gb" }, Token));

        Assert.Equal(HttpStatusCode.Unauthorized, exception.StatusCode);
        Assert.Equal(2, harness.AttemptCount("GET institutions/"));
    }

    [Fact]
    public async Task Get_SucceedsOnThirdAttempt_WhenServerErrorsTwice()
    {
        await using var harness = await SandboxHarness.StartAsync(Token);
        var accountId = (await harness.LinkedAccountsAsync(Token))[0];
        await harness.AddFaultAsync(new { route = TransactionsRoute, kind = "internal_error", count = 2 }, Token);

        var transactions = await harness.Client.GetAccountTransactionsAsync(accountId, cancellationToken: Token);

        Assert.NotEmpty(transactions.Value.Booked);
        Assert.Equal(3, harness.AttemptCount(TransactionsRoute));
        Assert.Empty(await harness.FaultsAsync(Token));
    }

    [Fact]
    public async Task Get_ThrowsInstitutionErrorAfterRetries_WhenBankFailsEveryTime()
    {
        await using var harness = await SandboxHarness.StartAsync(Token);
        var accountId = (await harness.LinkedAccountsAsync(Token))[0];
        await harness.AddFaultAsync(new { route = TransactionsRoute, kind = "connection_error", count = 10 }, Token);

        var exception = await Assert.ThrowsAsync<GoCardlessInstitutionException>(
            () => harness.Client.GetAccountTransactionsAsync(accountId, cancellationToken: Token));

        Assert.True(exception.IsTransient);
        Assert.Equal("ConnectionError", exception.Type);
        Assert.Equal(3, harness.AttemptCount(TransactionsRoute));
    }

    [Fact]
    public async Task Post_IsNotReplayed_WhenServerError()
    {
        await using var harness = await SandboxHarness.StartAsync(Token);
        await harness.AddFaultAsync(new { route = "POST requisitions/", kind = "internal_error", count = 3 }, Token);

        await Assert.ThrowsAsync<GoCardlessInstitutionException>(() => harness.Client.CreateRequisitionAsync(
            new CreateRequisitionRequest
            {
                Redirect = new Uri("https://app.example.com/callback"),
                InstitutionId = "SANDBOXFINANCE_SFIN0000",
                Reference = Guid.NewGuid().ToString(),
            },
            Token));

        Assert.Equal(1, harness.AttemptCount("POST requisitions/"));
        var fault = Assert.Single(await harness.FaultsAsync(Token));
        Assert.Equal(2, fault!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Get_ThrowsAccountRateLimitWithoutRetry_WhenAccountLimitHasHeaders()
    {
        await using var harness = await SandboxHarness.StartAsync(Token);
        var accountId = (await harness.LinkedAccountsAsync(Token))[0];
        await harness.AddFaultAsync(new { route = TransactionsRoute, kind = "rate_limit_account", count = 1, reset_seconds = 5000 }, Token);

        var exception = await Assert.ThrowsAsync<GoCardlessRateLimitedException>(
            () => harness.Client.GetAccountTransactionsAsync(accountId, cancellationToken: Token));

        Assert.True(exception.IsAccountLimit);
        Assert.Equal(TimeSpan.FromSeconds(5000), exception.ResetAfter);
        Assert.Equal(GoCardlessScope.Transactions, exception.Scope);
        Assert.Equal(0, exception.RateLimits.AccountSuccessRemaining);
        Assert.Equal(1, harness.AttemptCount(TransactionsRoute));
    }

    [Fact]
    public async Task Get_ParsesResetFromDetail_WhenAccountLimitOmitsHeaders()
    {
        await using var harness = await SandboxHarness.StartAsync(Token);
        var accountId = (await harness.LinkedAccountsAsync(Token))[0];
        await harness.AddFaultAsync(new { route = TransactionsRoute, kind = "rate_limit_account", count = 1, reset_seconds = 4321, omit_headers = true }, Token);

        var exception = await Assert.ThrowsAsync<GoCardlessRateLimitedException>(
            () => harness.Client.GetAccountTransactionsAsync(accountId, cancellationToken: Token));

        Assert.Null(exception.RateLimits.AccountSuccessResetSeconds);
        Assert.True(exception.IsAccountLimit);
        Assert.Equal(TimeSpan.FromSeconds(4321), exception.ResetAfter);
        Assert.Equal(1, harness.AttemptCount(TransactionsRoute));
    }

    [Fact]
    public async Task Get_ThrowsBankRateLimit_WhenInstitutionLimitHit()
    {
        await using var harness = await SandboxHarness.StartAsync(Token);
        var accountId = (await harness.LinkedAccountsAsync(Token))[0];
        await harness.AddFaultAsync(new { route = "GET accounts/*/balances/", kind = "rate_limit_bank", count = 1 }, Token);

        var exception = await Assert.ThrowsAsync<GoCardlessRateLimitedException>(() => harness.Client.GetAccountBalancesAsync(accountId, Token));

        Assert.True(exception.IsInstitutionLimit);
        Assert.Equal(GoCardlessScope.Balances, exception.Scope);
        Assert.Equal(1, harness.AttemptCount("GET accounts/*/balances/"));
    }

    [Fact]
    public async Task Get_WaitsForResetThenRetries_WhenGeneralLimitResetsWithinTotalTimeout()
    {
        await using var harness = await SandboxHarness.StartAsync(Token);
        await harness.Client.ListInstitutionsAsync(new InstitutionQuery { Country = "gb" }, Token);
        await harness.AddFaultAsync(new { route = "GET institutions/", kind = "rate_limit_general", count = 1, reset_seconds = 2 }, Token);

        var call = harness.Client.ListInstitutionsAsync(new InstitutionQuery { Country = "gb" }, Token);
        await Wait.UntilAsync(() => harness.AttemptCount("GET institutions/") == 2, Token, "the rate-limited attempt");
        // The retry's timer may start a moment after the 429 arrives, so the clock moves in small steps until the retry is seen; the
        // fake time that passed is then at least the wait the client honoured.
        var rateLimitedAt = harness.Clock.GetUtcNow();
        await Wait.UntilAsync(
            async () =>
            {
                if (harness.AttemptCount("GET institutions/") == 3)
                {
                    return true;
                }

                harness.Clock.Advance(TimeSpan.FromMilliseconds(100));
                await Task.Delay(5, Token);
                return false;
            },
            Token,
            "the retry after the reset");
        var waited = harness.Clock.GetUtcNow() - rateLimitedAt;

        var result = await call;

        Assert.NotEmpty(result.Value);
        Assert.Equal(3, harness.AttemptCount("GET institutions/"));
        Assert.True(waited >= TimeSpan.FromSeconds(2), $"retried after {waited} of fake time");
        Assert.True(waited < TimeSpan.FromSeconds(10), $"retried only after {waited} of fake time");
    }

    [Fact]
    public async Task Get_ThrowsGeneralRateLimitWithoutRetry_WhenResetExceedsTotalTimeout()
    {
        await using var harness = await SandboxHarness.StartAsync(Token, client: o => o.TotalTimeout = TimeSpan.FromSeconds(30));
        await harness.AddFaultAsync(new { route = "GET institutions/", kind = "rate_limit_general", count = 1, reset_seconds = 45 }, Token);

        var exception = await Assert.ThrowsAsync<GoCardlessRateLimitedException>(
            () => harness.Client.ListInstitutionsAsync(new InstitutionQuery { Country = "gb" }, Token));

        Assert.False(exception.IsAccountLimit);
        Assert.Equal(TimeSpan.FromSeconds(45), exception.ResetAfter);
        Assert.Equal(1, harness.AttemptCount("GET institutions/"));
    }

    [Fact]
    public async Task Get_CutsEachAttemptAtAttemptTimeout_WhenSandboxHangs()
    {
        await using var harness = await SandboxHarness.StartAsync(Token, client: o => o.AttemptTimeout = TimeSpan.FromSeconds(2));
        await harness.Client.ListInstitutionsAsync(new InstitutionQuery { Country = "gb" }, Token);
        await harness.AddFaultAsync(new { route = "GET institutions/", kind = "timeout", count = 5, delay_ms = 60_000 }, Token);

        var call = harness.Client.ListInstitutionsAsync(new InstitutionQuery { Country = "gb" }, Token);
        for (var attempt = 2; attempt <= 4; attempt++)
        {
            var expected = attempt;
            await Wait.UntilAsync(() => harness.AttemptCount("GET institutions/") == expected, Token, $"attempt {expected}");
            harness.Clock.Advance(TimeSpan.FromSeconds(2));
        }

        var exception = await Assert.ThrowsAsync<GoCardlessUnavailableException>(() => call);

        Assert.Equal(GoCardlessUnavailableReason.Timeout, exception.Reason);
        Assert.True(exception.IsTransient);
        Assert.Null(exception.StatusCode);
        Assert.Equal(4, harness.AttemptCount("GET institutions/"));
    }

    [Fact]
    public async Task Get_StopsAtTotalTimeout_WhenAttemptsWouldExceedIt()
    {
        await using var harness = await SandboxHarness.StartAsync(
            Token,
            client: o =>
            {
                o.AttemptTimeout = TimeSpan.FromSeconds(4);
                o.TotalTimeout = TimeSpan.FromSeconds(6);
            });
        await harness.Client.ListInstitutionsAsync(new InstitutionQuery { Country = "gb" }, Token);
        await harness.AddFaultAsync(new { route = "GET institutions/", kind = "timeout", count = 5, delay_ms = 60_000 }, Token);

        var call = harness.Client.ListInstitutionsAsync(new InstitutionQuery { Country = "gb" }, Token);
        await Wait.UntilAsync(() => harness.AttemptCount("GET institutions/") == 2, Token, "first attempt");
        harness.Clock.Advance(TimeSpan.FromSeconds(4));
        await Wait.UntilAsync(() => harness.AttemptCount("GET institutions/") == 3, Token, "second attempt");
        harness.Clock.Advance(TimeSpan.FromSeconds(2));

        var exception = await Assert.ThrowsAsync<GoCardlessUnavailableException>(() => call);

        Assert.Equal(GoCardlessUnavailableReason.Timeout, exception.Reason);
        Assert.Equal(3, harness.AttemptCount("GET institutions/"));
    }

    [Fact]
    public async Task Get_RetriesAsTransient_WhenBodyIsTruncatedJson()
    {
        await using var harness = await SandboxHarness.StartAsync(Token);
        var accountId = (await harness.LinkedAccountsAsync(Token))[0];
        await harness.AddFaultAsync(new { route = TransactionsRoute, kind = "malformed_json", count = 1 }, Token);

        var transactions = await harness.Client.GetAccountTransactionsAsync(accountId, cancellationToken: Token);

        Assert.NotEmpty(transactions.Value.Booked);
        Assert.Equal(2, harness.AttemptCount(TransactionsRoute));
    }

    [Fact]
    public async Task Get_ThrowsProtocol_WhenBodyStaysMalformed()
    {
        await using var harness = await SandboxHarness.StartAsync(Token);
        await harness.AddFaultAsync(new { route = "GET institutions/", kind = "malformed_json", count = 5 }, Token);

        var exception = await Assert.ThrowsAsync<GoCardlessProtocolException>(
            () => harness.Client.ListInstitutionsAsync(new InstitutionQuery { Country = "gb" }, Token));

        Assert.Equal(HttpStatusCode.OK, exception.StatusCode);
        Assert.Equal(3, harness.AttemptCount("GET institutions/"));
    }

    [Fact]
    public async Task Get_Retries_WhenConnectionDropped()
    {
        await using var harness = await SandboxHarness.StartAsync(Token);
        await harness.AddFaultAsync(new { route = "GET institutions/*/", kind = "drop_connection", count = 1 }, Token);

        var bank = await harness.Client.GetInstitutionAsync("SANDBOXFINANCE_SFIN0000", Token);

        Assert.Equal("Sandbox Finance", bank.Value.Name);
        Assert.Equal(2, harness.AttemptCount("GET institutions/SANDBOXFINANCE_SFIN0000/"));
    }

    [Fact]
    public async Task Get_ThrowsAccountProcessingWithoutRetry_WhenProcessing()
    {
        await using var harness = await SandboxHarness.StartAsync(Token);
        var accountId = (await harness.LinkedAccountsAsync(Token))[0];
        await harness.AddFaultAsync(new { route = TransactionsRoute, kind = "processing", count = 3 }, Token);

        await Assert.ThrowsAsync<GoCardlessAccountProcessingException>(() => harness.Client.GetAccountTransactionsAsync(accountId, cancellationToken: Token));

        Assert.Equal(1, harness.AttemptCount(TransactionsRoute));
    }

    [Fact]
    public async Task DataCall_ThrowsEuaExpired_WhenClockPassesAgreementAccess()
    {
        await using var harness = await SandboxHarness.StartAsync(Token);
        var accountId = (await harness.LinkedAccountsAsync(Token))[0];

        await harness.AdvanceSandboxOnlyAsync(TimeSpan.FromDays(91), Token);
        var exception = await Assert.ThrowsAsync<GoCardlessAccessExpiredException>(() => harness.Client.GetAccountBalancesAsync(accountId, Token));

        Assert.Equal(GoCardlessAccessExpiredReason.EuaExpired, exception.Reason);
        Assert.Equal(GoCardlessAccountStatus.Expired, (await harness.Client.GetAccountAsync(accountId, Token)).Value.Status);
    }

    [Fact]
    public async Task ConcurrentCalls_ShareOneTokenRequest_WhenCacheIsEmpty()
    {
        await using var harness = await SandboxHarness.StartAsync(Token);

        var calls = Enumerable.Range(0, 10)
            .Select(_ => harness.Client.GetInstitutionAsync("SANDBOXFINANCE_SFIN0000", Token))
            .ToArray();
        await Task.WhenAll(calls);

        Assert.Equal(1, harness.AttemptCount("POST token/new/"));
        Assert.Equal(10, harness.AttemptCount("GET institutions/SANDBOXFINANCE_SFIN0000/"));
    }

    [Fact]
    public async Task ConcurrentCalls_ShareOneRefresh_WhenTokenExpiredMidRun()
    {
        await using var harness = await SandboxHarness.StartAsync(Token, sandbox: o => o.AccessTokenLifetime = TimeSpan.FromHours(1));
        await harness.Client.GetInstitutionAsync("SANDBOXFINANCE_SFIN0000", Token);
        harness.Clock.Advance(TimeSpan.FromHours(2));

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => harness.Client.GetInstitutionAsync("SANDBOXFINANCE_SFIN0000", Token)));

        Assert.Equal(1, harness.AttemptCount("POST token/new/"));
        Assert.Equal(1, harness.AttemptCount("POST token/refresh/"));
    }

    [Fact]
    [Trait("Requirement", "F9")]
    public async Task WrongSecrets_ThrowAuthenticationFailed_AndTokenNewIsTriedAtMostOnceAMinute()
    {
        await using var harness = await SandboxHarness.StartAsync(Token, client: o => o.SecretKey = new string('0', 128));

        var first = await Assert.ThrowsAsync<GoCardlessAuthenticationFailedException>(
            () => harness.Client.GetInstitutionAsync("SANDBOXFINANCE_SFIN0000", Token));
        await Assert.ThrowsAsync<GoCardlessAuthenticationFailedException>(() => harness.Client.GetInstitutionAsync("SANDBOXFINANCE_SFIN0000", Token));
        Assert.Equal(1, harness.AttemptCount("POST token/new/"));

        harness.Clock.Advance(TimeSpan.FromSeconds(61));
        await Assert.ThrowsAsync<GoCardlessAuthenticationFailedException>(() => harness.Client.GetInstitutionAsync("SANDBOXFINANCE_SFIN0000", Token));

        Assert.Equal("Authentication failed", first.Summary);
        Assert.Equal(2, harness.AttemptCount("POST token/new/"));
        Assert.Equal(0, harness.AttemptCount("GET institutions/SANDBOXFINANCE_SFIN0000/"));
    }

    [Fact]
    public async Task CircuitBreaker_FailsFastWithoutCalling_WhenGoCardlessKeepsFailing()
    {
        await using var harness = await SandboxHarness.StartAsync(
            Token,
            client: o =>
            {
                o.MaxRetryAttempts = 0;
                o.CircuitBreakerMinimumThroughput = 3;
                o.CircuitBreakerFailureRatio = 0.5;
            });
        await harness.Client.GetInstitutionAsync("SANDBOXFINANCE_SFIN0000", Token);
        await harness.AddFaultAsync(new { route = "GET institutions/*/", kind = "gateway_html", count = 10 }, Token);

        for (var i = 0; i < 2; i++)
        {
            var gateway = await Assert.ThrowsAsync<GoCardlessUnavailableException>(() => harness.Client.GetInstitutionAsync("SANDBOXFINANCE_SFIN0000", Token));
            Assert.Equal(GoCardlessUnavailableReason.GatewayError, gateway.Reason);
        }

        var open = await Assert.ThrowsAsync<GoCardlessUnavailableException>(() => harness.Client.GetInstitutionAsync("SANDBOXFINANCE_SFIN0000", Token));

        Assert.Equal(GoCardlessUnavailableReason.CircuitOpen, open.Reason);
        Assert.Equal(3, harness.AttemptCount("GET institutions/SANDBOXFINANCE_SFIN0000/"));
    }
}
