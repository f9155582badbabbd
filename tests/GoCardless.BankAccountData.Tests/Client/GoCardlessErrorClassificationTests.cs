using System.Net;
using GoCardless.BankAccountData.Tests.Client.Infrastructure;

namespace GoCardless.BankAccountData.Tests.Client;

/// <summary>Every error body of the specification (§6.5, §9, §12) against the exception class and fields the app relies on.</summary>
public sealed class GoCardlessErrorClassificationTests
{
    private const string AccountId = "7e944232-bda9-40bc-b784-660c7ab5fe78";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>No retries and no breaker, so each test sees exactly one answer.</summary>
    private static ClientHarness Serve(HttpResponseMessage response)
    {
        var harness = ClientHarness.Create(options =>
        {
            options.MaxRetryAttempts = 0;
            options.CircuitBreakerEnabled = false;
        });
        harness.Handler.Responder = (_, _) => Task.FromResult(response);
        return harness;
    }

    private static async Task<TException> TransactionsFailAsync<TException>(HttpStatusCode status, string document, params (string, string)[] headers)
        where TException : GoCardlessApiException
    {
        await using var harness = Serve(Responses.Recorded(status, document, headers));
        var exception = await Assert.ThrowsAsync<TException>(() => harness.Client.GetAccountTransactionsAsync(AccountId, cancellationToken: Token));
        Assert.Equal(status, exception.StatusCode);
        Assert.Equal(RecordedDocuments.Read(document), exception.RawBody);
        return exception;
    }

    [Theory]
    [InlineData("errors/400-invalid-account-id.json", "Invalid Account ID")]
    [InlineData("errors/400-top-level-arrays.json", "Institution access scope dependencies error")]
    public async Task Call_ThrowsValidation_WhenBadRequest(string document, string summary)
    {
        var exception = await TransactionsFailAsync<GoCardlessValidationException>(HttpStatusCode.BadRequest, document.Replace("errors/", "", StringComparison.Ordinal));

        Assert.Equal(summary, exception.Summary);
        Assert.Empty(exception.FieldErrors);
    }

    [Fact]
    public async Task Call_ReadsFieldKeyedObjects_WhenCountryInvalid()
    {
        var exception = await TransactionsFailAsync<GoCardlessValidationException>(HttpStatusCode.BadRequest, "400-country-field-object.json");

        Assert.Equal("Invalid country choice.", exception.Summary);
        Assert.Equal("US is not a valid choice.", exception.Detail);
        var error = Assert.Single(exception.FieldErrors["country"]);
        Assert.Equal(new GoCardlessFieldError("Invalid country choice.", "US is not a valid choice."), error);
    }

    [Fact]
    public async Task Call_KeepsTopLevelSummaryAndListErrors_WhenOlderCountryShape()
    {
        var exception = await TransactionsFailAsync<GoCardlessValidationException>(HttpStatusCode.BadRequest, "400-country-old-shape.json");

        Assert.Equal("Invalid country choice.", exception.Summary);
        Assert.Equal("GBA is not a valid choice.", Assert.Single(exception.FieldErrors["country"]).Text);
    }

    [Fact]
    public async Task Call_TakesSummaryFromFirstFieldError_WhenDrfListAndStringStatusCode()
    {
        var exception = await TransactionsFailAsync<GoCardlessValidationException>(HttpStatusCode.BadRequest, "400-drf-required.json");

        Assert.Equal("This field is required.", exception.Summary);
        Assert.Equal("This field is required.", Assert.Single(exception.FieldErrors["secret_id"]).Detail);
    }

    [Fact]
    public async Task Call_ReadsArrayOfObjects_WhenAccessScopeRejected()
    {
        var exception = await TransactionsFailAsync<GoCardlessValidationException>(HttpStatusCode.BadRequest, "400-access-scope-array.json");

        Assert.Equal("Unknown value 'money' in access_scope", exception.Summary);
        Assert.StartsWith("Choose one or several", Assert.Single(exception.FieldErrors["access_scope"]).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_ListsBothDateFields_WhenDatesInFuture()
    {
        var exception = await TransactionsFailAsync<GoCardlessValidationException>(HttpStatusCode.BadRequest, "400-future-dates.json");

        Assert.Equal("Date can't be in future", exception.Summary);
        Assert.Equal(["date_from", "date_to"], exception.FieldErrors.Keys.Order().ToArray());
    }

    [Fact]
    public async Task Message_OmitsDetail_BecauseItMayQuoteTheReference()
    {
        var exception = await TransactionsFailAsync<GoCardlessValidationException>(HttpStatusCode.BadRequest, "400-reference-not-unique.json");

        Assert.Contains("0b8f6d5e-2a8e-4c1b-9a7e-5f1d2c3b4a59", exception.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("0b8f6d5e-2a8e-4c1b-9a7e-5f1d2c3b4a59", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Client reference must be unique", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"GET accounts/{AccountId}/transactions/", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("401-access-expired.json", GoCardlessAccessExpiredReason.AccessExpired)]
    [InlineData("401-account-inactive.json", GoCardlessAccessExpiredReason.AccountInactive)]
    [InlineData("401-failed-authentication.json", GoCardlessAccessExpiredReason.BankAuthenticationFailed)]
    [InlineData("401-eua-expired.json", GoCardlessAccessExpiredReason.EuaExpired)]
    public async Task Call_ThrowsAccessExpiredWithReason_WhenAccessEnded(string document, GoCardlessAccessExpiredReason reason)
    {
        var exception = await TransactionsFailAsync<GoCardlessAccessExpiredException>(HttpStatusCode.Unauthorized, document);

        Assert.Equal(reason, exception.Reason);
    }

    [Fact]
    public async Task Call_DoesNotReauthenticate_WhenAccessExpired()
    {
        await using var harness = Serve(Responses.Recorded(HttpStatusCode.Unauthorized, "401-access-expired.json"));

        await Assert.ThrowsAsync<GoCardlessAccessExpiredException>(() => harness.Client.GetAccountTransactionsAsync(AccountId, cancellationToken: Token));

        Assert.Single(harness.Handler.DataRequests);
        Assert.Equal(1, harness.Handler.Count("POST", "token/new/"));
    }

    [Theory]
    [InlineData("403-account-access-forbidden.json", "AccountAccessForbidden")]
    [InlineData("403-scope-error.json", null)]
    [InlineData("403-no-valid-eua.json", null)]
    [InlineData("403-ip-denied.json", null)]
    public async Task Call_ThrowsForbidden_WhenForbidden(string document, string? type)
    {
        var exception = await TransactionsFailAsync<GoCardlessForbiddenException>(HttpStatusCode.Forbidden, document);

        Assert.Equal(type, exception.Type);
        Assert.NotNull(exception.Summary);
    }

    [Fact]
    public async Task Call_ThrowsNotFound_WhenAccountUnknown()
    {
        var exception = await TransactionsFailAsync<GoCardlessNotFoundException>(HttpStatusCode.NotFound, "404-account-not-found.json");

        Assert.Equal($"Account ID {AccountId} not found", exception.Summary);
    }

    [Fact]
    public async Task CreateRequisition_ThrowsNotFoundWithFieldError_WhenAgreementUnknown()
    {
        await using var harness = Serve(Responses.Recorded(HttpStatusCode.NotFound, "404-agreement-unknown.json"));

        var exception = await Assert.ThrowsAsync<GoCardlessNotFoundException>(() => harness.Client.CreateRequisitionAsync(
            new CreateRequisitionRequest
            {
                Redirect = new Uri("https://app.example.com/callback"),
                InstitutionId = "SANDBOXFINANCE_SFIN0000",
                Reference = Guid.NewGuid().ToString(),
                Agreement = "3fa85f64-5717-4562-b3fc-2c963f66afa6",
            },
            Token));

        Assert.Equal("ID 3fa85f64-5717-4562-b3fc-2c963f66afa6 not found", exception.Summary);
        Assert.True(exception.FieldErrors.ContainsKey("agreement"));
    }

    [Fact]
    public async Task Call_ThrowsAccountProcessing_WhenProcessing()
    {
        var exception = await TransactionsFailAsync<GoCardlessAccountProcessingException>(HttpStatusCode.Conflict, "409-processing.json");

        Assert.Equal("AccountProcessing", exception.Type);
    }

    [Theory]
    [InlineData("409-suspended.json", "SUSPENDED", GoCardlessAccountStatus.Suspended)]
    [InlineData("409-account-state-error.json", "ERROR", GoCardlessAccountStatus.Error)]
    public async Task Call_ThrowsAccountSuspendedWithStatus_WhenConflict(string document, string code, GoCardlessAccountStatus status)
    {
        var exception = await TransactionsFailAsync<GoCardlessAccountSuspendedException>(HttpStatusCode.Conflict, document);

        Assert.Equal(code, exception.AccountStatusCode);
        Assert.Equal(status, exception.AccountStatus);
        Assert.Empty(exception.FieldErrors);
    }

    [Fact]
    public async Task Call_ThrowsBankRateLimitWithDayFallback_WhenRateLimitError()
    {
        var exception = await TransactionsFailAsync<GoCardlessRateLimitedException>(
            HttpStatusCode.TooManyRequests, "429-bank.json", ("http_x_ratelimit_limit", "100"), ("http_x_ratelimit_remaining", "98"), ("http_x_ratelimit_reset", "41"));

        Assert.True(exception.IsInstitutionLimit);
        Assert.False(exception.IsAccountLimit);
        Assert.Equal(TimeSpan.FromHours(24), exception.ResetAfter);
        Assert.Equal(GoCardlessScope.Transactions, exception.Scope);
        Assert.Equal(98, exception.RateLimits.Remaining);
    }

    [Fact]
    public async Task Call_TakesAccountResetHeader_WhenAccountLimitWithHeaders()
    {
        var exception = await TransactionsFailAsync<GoCardlessRateLimitedException>(
            HttpStatusCode.TooManyRequests,
            "429-account.json",
            ("http_x_ratelimit_reset", "59"),
            ("http_x_ratelimit_account_success_limit", "4"),
            ("http_x_ratelimit_account_success_remaining", "0"),
            ("http_x_ratelimit_account_success_reset", "86000"));

        Assert.True(exception.IsAccountLimit);
        Assert.False(exception.IsInstitutionLimit);
        Assert.Equal(TimeSpan.FromSeconds(86000), exception.ResetAfter);
    }

    [Fact]
    public async Task Call_ParsesResetFromDetailBeforeGeneralHeader_WhenAccountLimitWithoutAccountHeaders()
    {
        var exception = await TransactionsFailAsync<GoCardlessRateLimitedException>(
            HttpStatusCode.TooManyRequests, "429-account.json", ("http_x_ratelimit_reset", "59"));

        Assert.True(exception.IsAccountLimit);
        Assert.Equal(TimeSpan.FromSeconds(85092), exception.ResetAfter);
    }

    [Fact]
    public async Task Call_TakesGeneralResetHeader_WhenGeneralLimit()
    {
        var exception = await TransactionsFailAsync<GoCardlessRateLimitedException>(
            HttpStatusCode.TooManyRequests, "429-general.json", ("x-ratelimit-reset", "12"));

        Assert.False(exception.IsAccountLimit);
        Assert.Equal(TimeSpan.FromSeconds(12), exception.ResetAfter);
    }

    [Fact]
    public async Task Call_FallsBackToDetailThenSixtySeconds_WhenGeneralLimitWithoutHeaders()
    {
        var fromDetail = await TransactionsFailAsync<GoCardlessRateLimitedException>(HttpStatusCode.TooManyRequests, "429-general.json");
        Assert.Equal(TimeSpan.FromSeconds(37), fromDetail.ResetAfter);

        await using var harness = Serve(Responses.Json(HttpStatusCode.TooManyRequests, """{"summary":"Rate limit exceeded","status_code":429}"""));
        var fallback = await Assert.ThrowsAsync<GoCardlessRateLimitedException>(() => harness.Client.GetInstitutionsAsyncForTest(Token));
        Assert.Equal(TimeSpan.FromSeconds(60), fallback.ResetAfter);
        Assert.Equal(GoCardlessScope.None, fallback.Scope);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, "500-unknown-request-error.json", "UnknownRequestError")]
    [InlineData(HttpStatusCode.InternalServerError, "500-internal.json", null)]
    [InlineData(HttpStatusCode.ServiceUnavailable, "503-connection-error.json", "ConnectionError")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "503-service-error.json", "ServiceError")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "503-not-operational.json", null)]
    public async Task Call_ThrowsTransientInstitutionError_WhenServerError(HttpStatusCode status, string document, string? type)
    {
        var exception = await TransactionsFailAsync<GoCardlessInstitutionException>(status, document);

        Assert.IsNotType<GoCardlessUnavailableException>(exception);
        Assert.True(exception.IsTransient);
        Assert.Equal(type, exception.Type);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task Call_ThrowsUnavailableGateway_WhenHtmlServerError(HttpStatusCode status)
    {
        await using var harness = Serve(Responses.Html(status, "<html><body><h1>502 Bad Gateway</h1></body></html>"));

        var exception = await Assert.ThrowsAsync<GoCardlessUnavailableException>(() => harness.Client.GetAccountTransactionsAsync(AccountId, cancellationToken: Token));

        Assert.Equal(GoCardlessUnavailableReason.GatewayError, exception.Reason);
        Assert.Equal(status, exception.StatusCode);
        Assert.Null(exception.Summary);
        Assert.Contains("Bad Gateway", exception.RawBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_ThrowsBaseException_WhenStatusHasNoClass()
    {
        var exception = await TransactionsFailAsync<GoCardlessApiException>(HttpStatusCode.PaymentRequired, "402-free-limit.json");

        Assert.Equal(typeof(GoCardlessApiException), exception.GetType());
        Assert.Equal("Free usage limit exceeded.", exception.Detail);
    }

    [Fact]
    public async Task Call_KeepsStatusAndTruncatesRawBody_WhenBodyHugeAndNotJson()
    {
        await using var harness = Serve(Responses.Html(HttpStatusCode.Conflict, new string('x', 10_000)));

        var exception = await Assert.ThrowsAsync<GoCardlessAccountSuspendedException>(() => harness.Client.GetAccountTransactionsAsync(AccountId, cancellationToken: Token));

        Assert.Equal(HttpStatusCode.Conflict, exception.StatusCode);
        Assert.Equal(4096, exception.RawBody?.Length);
        Assert.Null(exception.AccountStatusCode);
    }

    [Fact]
    public async Task Call_ThrowsProtocolWithoutRetry_WhenSuccessBodyHasWrongShape()
    {
        await using var harness = ClientHarness.Create();
        harness.Handler.Responder = (_, _) => Task.FromResult(Responses.Recorded(HttpStatusCode.OK, "transactions-wrong-shape.json"));

        var exception = await Assert.ThrowsAsync<GoCardlessProtocolException>(() => harness.Client.GetAccountTransactionsAsync(AccountId, cancellationToken: Token));

        Assert.Equal(HttpStatusCode.OK, exception.StatusCode);
        Assert.Single(harness.Handler.DataRequests);
    }

    [Fact]
    public async Task Call_ThrowsProtocol_WhenInstitutionsIsNotAnArray()
    {
        await using var harness = Serve(Responses.Json(HttpStatusCode.OK, """{"results":[]}"""));

        await Assert.ThrowsAsync<GoCardlessProtocolException>(() => harness.Client.ListInstitutionsAsync(cancellationToken: Token));
    }
}

internal static class ClassificationTestExtensions
{
    public static Task<GoCardlessResponse<IReadOnlyList<Institution>>> GetInstitutionsAsyncForTest(this GoCardlessClient client, CancellationToken cancellationToken) =>
        client.ListInstitutionsAsync(cancellationToken: cancellationToken);
}
