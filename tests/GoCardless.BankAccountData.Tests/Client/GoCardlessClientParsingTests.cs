using System.Net;
using System.Text.Json;
using GoCardless.BankAccountData.Tests.Client.Infrastructure;

namespace GoCardless.BankAccountData.Tests.Client;

public sealed class GoCardlessClientParsingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ClientHarness Serve(HttpStatusCode status, string document, params (string, string)[] headers)
    {
        var harness = ClientHarness.Create();
        harness.Handler.Responder = (_, _) => Task.FromResult(Responses.Recorded(status, document, headers));
        return harness;
    }

    [Fact]
    public async Task ListInstitutions_ParsesDaysSentAsStringsOrNumbers_WhenFieldsVary()
    {
        await using var harness = Serve(HttpStatusCode.OK, "institutions-gb.json");

        var result = await harness.Client.ListInstitutionsAsync(new InstitutionQuery { Country = "gb" }, Token);

        Assert.Equal(2, result.Value.Count);
        var nationwide = result.Value[0];
        Assert.Equal("NATIONWIDE_NAIAGB21", nationwide.Id);
        Assert.Equal("Nationwide Building Society", nationwide.Name);
        Assert.Equal(730, nationwide.TransactionTotalDays);
        Assert.Equal(90, nationwide.MaxAccessValidForDays);
        Assert.Equal(730, nationwide.MaxAccessValidForDaysReconfirmation);
        Assert.Equal(["GB"], nationwide.Countries);
        Assert.Empty(nationwide.SupportedFeatures);
        var monzo = result.Value[1];
        Assert.Equal(540, monzo.TransactionTotalDays);
        Assert.Null(monzo.MaxAccessValidForDaysReconfirmation);
        Assert.Equal("https://cdn.nordigen.com/ais/MONZO_MONZGB2L.png", monzo.Logo);
    }

    [Fact]
    public async Task ListInstitutions_SendsCountryAndFlagsAsTrueFalseStrings_WhenFiltered()
    {
        await using var harness = Serve(HttpStatusCode.OK, "institutions-gb.json");

        await harness.Client.ListInstitutionsAsync(
            new InstitutionQuery { Country = "GB", AccountSelectionSupported = true, PendingTransactionsSupported = false },
            Token);

        var request = Assert.Single(harness.Handler.DataRequests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("institutions/", request.Path);
        Assert.Equal("?country=GB&account_selection_supported=true&pending_transactions_supported=false", request.Query);
        Assert.StartsWith("Bearer ", request.Authorization);
    }

    [Fact]
    public async Task GetInstitution_ParsesFeaturesAndIgnoresUnknownObjects_WhenSandboxBank()
    {
        await using var harness = Serve(HttpStatusCode.OK, "institution-sandbox.json");

        var result = await harness.Client.GetInstitutionAsync("SANDBOXFINANCE_SFIN0000", Token);

        Assert.Equal("institutions/SANDBOXFINANCE_SFIN0000/", harness.Handler.DataRequests[0].Path);
        Assert.Equal("Sandbox Finance", result.Value.Name);
        Assert.Equal(["XX"], result.Value.Countries);
        Assert.Equal(["account_selection", "pending_transactions", "reconfirmation_of_consent"], result.Value.SupportedFeatures);
        Assert.Equal(90, result.Value.TransactionTotalDays);
        Assert.Equal(180, result.Value.MaxAccessValidForDays);
    }

    [Fact]
    public void ForInstitution_SizesAgreementFromInstitution_WhenDaysKnown()
    {
        var institution = new Institution { Id = "NATIONWIDE_NAIAGB21", TransactionTotalDays = 730, MaxAccessValidForDays = 90 };

        var request = CreateAgreementRequest.ForInstitution(institution);

        Assert.Equal("NATIONWIDE_NAIAGB21", request.InstitutionId);
        Assert.Equal(730, request.MaxHistoricalDays);
        Assert.Equal(90, request.AccessValidForDays);
        Assert.Equal(["balances", "details", "transactions"], request.AccessScope);
    }

    [Fact]
    public void ForInstitution_CapsAtApiMaximumsAndLeavesUnknownsToDefault_WhenDaysOddOrMissing()
    {
        var request = CreateAgreementRequest.ForInstitution(new Institution { Id = "X_BANK", TransactionTotalDays = 1000, MaxAccessValidForDays = null });

        Assert.Equal(730, request.MaxHistoricalDays);
        Assert.Null(request.AccessValidForDays);
    }

    [Fact]
    public async Task CreateAgreement_SendsSnakeCaseBodyWithoutNulls_AndParsesResult()
    {
        await using var harness = Serve(HttpStatusCode.Created, "agreement.json");

        var result = await harness.Client.CreateAgreementAsync(
            new CreateAgreementRequest { InstitutionId = "SANDBOXFINANCE_SFIN0000", MaxHistoricalDays = 90, AccessScope = ["transactions"] },
            Token);

        var request = Assert.Single(harness.Handler.DataRequests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("agreements/enduser/", request.Path);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal("""{"institution_id":"SANDBOXFINANCE_SFIN0000","max_historical_days":90,"access_scope":["transactions"]}""", request.Body);
        Assert.Equal("3fa85f64-5717-4562-b3fc-2c963f66afa6", result.Value.Id);
        Assert.Equal(180, result.Value.AccessValidForDays);
        Assert.Null(result.Value.Accepted);
        Assert.Equal(new DateTimeOffset(2024, 9, 29, 14, 36, 46, 730, TimeSpan.Zero).AddTicks(7700), result.Value.Created);
    }

    [Fact]
    public async Task CreateRequisition_SendsOnlyGivenFieldsWithCallerReference_AndParsesLinkedRequisition()
    {
        await using var harness = Serve(HttpStatusCode.Created, "requisition-linked.json");
        var reference = Guid.NewGuid().ToString();

        var result = await harness.Client.CreateRequisitionAsync(
            new CreateRequisitionRequest
            {
                Redirect = new Uri("https://app.example.com/callback"),
                InstitutionId = "SANDBOXFINANCE_SFIN0000",
                Reference = reference,
                AccountSelection = false,
            },
            Token);

        var request = Assert.Single(harness.Handler.DataRequests);
        Assert.Equal("requisitions/", request.Path);
        using var body = JsonDocument.Parse(request.Body!);
        Assert.Equal(
            ["redirect", "institution_id", "reference", "account_selection"],
            body.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(reference, body.RootElement.GetProperty("reference").GetString());
        Assert.False(body.RootElement.GetProperty("account_selection").GetBoolean());
        Assert.Equal(RequisitionStatus.Linked, result.Value.Status);
        Assert.Equal("LN", result.Value.StatusCode);
        Assert.Equal(2, result.Value.Accounts.Count);
        Assert.StartsWith("https://ob.gocardless.com/ob-psd2/start/", result.Value.Link);
    }

    [Theory]
    [InlineData("CR", RequisitionStatus.Created)]
    [InlineData("GA", RequisitionStatus.GrantingAccess)]
    [InlineData("EX", RequisitionStatus.Expired)]
    [InlineData("SU", RequisitionStatus.Suspended)]
    [InlineData("CZ", RequisitionStatus.Unknown)]
    [InlineData("", RequisitionStatus.Unknown)]
    public async Task GetRequisition_KeepsRawStatusAndParsesEnum_WhenAnyCode(string code, RequisitionStatus expected)
    {
        await using var harness = ClientHarness.Create();
        var document = RecordedDocuments.Read("requisition-linked.json").Replace("\"LN\"", $"\"{code}\"", StringComparison.Ordinal);
        harness.Handler.Responder = (_, _) => Task.FromResult(Responses.Json(HttpStatusCode.OK, document));

        var result = await harness.Client.GetRequisitionAsync("8126e9fb-93c9-4228-937c-68f0383c2df7", Token);

        Assert.Equal(code, result.Value.StatusCode);
        Assert.Equal(expected, result.Value.Status);
    }

    [Fact]
    public async Task ListRequisitions_FollowsNextAgainstOwnBaseAddress_UntilNull()
    {
        await using var harness = ClientHarness.Create();
        var requisition = RecordedDocuments.Read("requisition-linked.json");
        harness.Handler.Responder = (request, _) =>
        {
            // `next` names the public host on purpose: the client must stay on its own base address.
            var body = request.Query switch
            {
                "?limit=2&offset=0" => $$"""{"count":5,"next":"https://bankaccountdata.gocardless.com/api/v2/requisitions/?limit=2&offset=2","previous":null,"results":[{{requisition}},{{requisition}}]}""",
                "?limit=2&offset=2" => $$"""{"count":5,"next":"https://bankaccountdata.gocardless.com/api/v2/requisitions/?limit=2&offset=4","previous":"x","results":[{{requisition}},{{requisition}}]}""",
                "?limit=2&offset=4" => $$"""{"count":5,"next":null,"previous":"x","results":[{{requisition}}]}""",
                _ => throw new InvalidOperationException(request.Query),
            };
            return Task.FromResult(Responses.Json(HttpStatusCode.OK, body, ("http_x_ratelimit_remaining", "297")));
        };

        var result = await harness.Client.ListRequisitionsAsync(pageSize: 2, Token);

        Assert.Equal(5, result.Value.Count);
        Assert.Equal(["?limit=2&offset=0", "?limit=2&offset=2", "?limit=2&offset=4"], harness.Handler.DataRequests.Select(r => r.Query).ToArray());
        Assert.Equal(297, result.RateLimits.Remaining);
    }

    [Fact]
    public async Task ListAgreements_StopsInsteadOfLooping_WhenNextRepeats()
    {
        await using var harness = ClientHarness.Create();
        var agreement = RecordedDocuments.Read("agreement.json");
        harness.Handler.Responder = (_, _) => Task.FromResult(Responses.Json(
            HttpStatusCode.OK,
            $$"""{"count":1,"next":"https://bankaccountdata.gocardless.com/api/v2/agreements/enduser/?limit=100&offset=0","previous":null,"results":[{{agreement}}]}"""));

        var result = await harness.Client.ListAgreementsAsync(cancellationToken: Token);

        Assert.Equal(2, harness.Handler.DataRequests.Count);
        Assert.Equal(2, result.Value.Count);
    }

    [Fact]
    public async Task GetAccount_ParsesMetadataWithNullBban_WhenRealCapture()
    {
        await using var harness = Serve(HttpStatusCode.OK, "account-metadata.json");

        var result = await harness.Client.GetAccountAsync("7e944232-bda9-40bc-b784-660c7ab5fe78", Token);

        Assert.Equal("accounts/7e944232-bda9-40bc-b784-660c7ab5fe78/", harness.Handler.DataRequests[0].Path);
        Assert.Equal(GoCardlessAccountStatus.Ready, result.Value.Status);
        Assert.Equal("GL3510230000010234", result.Value.Iban);
        Assert.Null(result.Value.Bban);
        Assert.Null(result.Value.Name);
        Assert.Equal("John Doe", result.Value.OwnerName);
    }

    [Fact]
    public async Task GetAccountDetails_ParsesAddressArrayAndStructuredData_WhenGbBank()
    {
        await using var harness = Serve(HttpStatusCode.OK, "account-details-array-address.json");

        var details = (await harness.Client.GetAccountDetailsAsync("7e944232-bda9-40bc-b784-660c7ab5fe78", Token)).Value;

        Assert.Equal("details/", harness.Handler.DataRequests[0].Path[^8..]);
        Assert.Equal(["1 High Street", "London"], details.OwnerAddressUnstructured);
        Assert.Equal("E1 6AN", details.OwnerAddressStructured?.PostCode);
        Assert.Equal("ROLL-42", details.SecondaryIdentification);
        Assert.Equal(CashAccountType.Current, details.CashAccountType);
        Assert.Equal(AccountDetailsStatus.Enabled, details.Status);
        Assert.Equal(AccountUsage.Private, details.Usage);
        Assert.Equal("20201555555555", details.Scan);
    }

    [Fact]
    public async Task GetAccountDetails_AcceptsAddressStringAndUnknownCodes_WhenBankDiffers()
    {
        await using var harness = Serve(HttpStatusCode.OK, "account-details-string-address.json");

        var details = (await harness.Client.GetAccountDetailsAsync("7e944232-bda9-40bc-b784-660c7ab5fe78", Token)).Value;

        Assert.Equal(["Hauptstrasse 1, Berlin"], details.OwnerAddressUnstructured);
        Assert.Null(details.OwnerName);
        Assert.Equal("XYZW", details.CashAccountTypeCode);
        Assert.Equal(CashAccountType.Unknown, details.CashAccountType);
        Assert.Equal("frozen", details.StatusCode);
        Assert.Equal(AccountDetailsStatus.Unknown, details.Status);
        Assert.Equal(AccountUsage.Organisation, details.Usage);
    }

    [Fact]
    public async Task GetAccountBalances_ParsesInvariantAmountsSkipsUnreadableAndPrefersClosingBooked()
    {
        await using var harness = Serve(
            HttpStatusCode.OK,
            "balances.json",
            ("http_x_ratelimit_account_success_limit", "4"),
            ("http_x_ratelimit_account_success_remaining", "3"),
            ("http_x_ratelimit_account_success_reset", "86307"));

        var result = await harness.Client.GetAccountBalancesAsync("7e944232-bda9-40bc-b784-660c7ab5fe78", Token);

        var balances = result.Value;
        Assert.Equal(3, balances.Balances.Count);
        Assert.Equal(1, balances.SkippedCount);
        Assert.Equal(1913.12m, balances.Balances[0].Amount);
        Assert.Equal(BalanceType.InterimAvailable, balances.Balances[0].BalanceType);
        Assert.Equal(new DateOnly(2025, 3, 14), balances.Balances[0].ReferenceDate);
        Assert.Equal(-5m, balances.Current?.Amount);
        Assert.Equal(BalanceType.ClosingBooked, balances.Current?.BalanceType);
        Assert.True(balances.Current?.CreditLimitIncluded);
        Assert.Equal(BalanceType.Unknown, balances.Balances[2].BalanceType);
        Assert.Equal("somethingNew", balances.Balances[2].BalanceTypeCode);
        Assert.Equal(new RateLimitInfo(null, null, null, 4, 3, 86307), result.RateLimits);
    }

    [Fact]
    public async Task GetAccountTransactions_ReadsEveryLenientShape_WhenBanksDiffer()
    {
        await using var harness = Serve(HttpStatusCode.OK, "transactions-lenient.json");

        var result = await harness.Client.GetAccountTransactionsAsync(
            "7e944232-bda9-40bc-b784-660c7ab5fe78", new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 14), Token);

        Assert.Equal("?date_from=2025-03-01&date_to=2025-03-14", harness.Handler.DataRequests[0].Query);
        var transactions = result.Value;
        Assert.Equal(2, transactions.Booked.Count);
        Assert.Single(transactions.Pending);
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 9, 15, 0, TimeSpan.Zero).AddTicks(1234560), transactions.LastUpdated);

        var purchase = transactions.Booked[0];
        Assert.Equal(-95.35m, purchase.Amount);
        Assert.Equal("-95.35", purchase.AmountRaw);
        Assert.Equal("EUR", purchase.Currency);
        Assert.Equal("a1b2c3d4e5f60718293a4b5c6d7e8f90", purchase.InternalTransactionId);
        Assert.Equal("GB29NWBK60161331926819", purchase.CreditorAccount?.Iban);
        Assert.Equal(new DateOnly(2025, 3, 13), purchase.Date);
        Assert.Equal(new DateTimeOffset(2025, 3, 13, 0, 30, 0, TimeSpan.FromHours(1)), purchase.BookingDateTime);
        Assert.Equal(TimeSpan.FromHours(1), purchase.BookingDateTime?.Offset);
        var exchange = Assert.Single(purchase.CurrencyExchange);
        Assert.Equal(103.64m, exchange.InstructedAmount);
        Assert.Equal("USD", exchange.InstructedCurrency);
        Assert.Equal(1913.12m, purchase.BalanceAfterTransaction?.Amount);
        Assert.Equal(BalanceType.InterimBooked, purchase.BalanceAfterTransaction?.BalanceType);
        Assert.False(purchase.IsPending);

        var transfer = transactions.Booked[1];
        Assert.Equal(5m, transfer.Amount);
        Assert.Null(transfer.BookingDate);
        Assert.Equal(new DateOnly(2024, 7, 2), transfer.Date);
        Assert.Equal("2024-07-02T16:59:52.220", transfer.ValueDateTimeRaw);
        Assert.Equal(new DateTimeOffset(2024, 7, 2, 16, 59, 52, 220, TimeSpan.Zero), transfer.ValueDateTime);
        Assert.Equal("IE96BOFI900017816198", transfer.DebtorAccount?.Iban);
        Assert.Equal(["Cab sharing,", "thank you!"], transfer.RemittanceInformationUnstructuredArray);
        Assert.Equal(1918.12m, transfer.BalanceAfterTransaction?.Amount);
        Assert.Equal(2, transfer.CurrencyExchange.Count);
        Assert.Equal("""{"cardInstrument": {"cardSchemeName": "VISA"}}""", transfer.AdditionalDataStructured);

        var pending = transactions.Pending[0];
        Assert.True(pending.IsPending);
        Assert.Equal(-10m, pending.Amount);
        Assert.Equal(new DateOnly(2025, 3, 14), pending.Date);

        var skipped = Assert.Single(transactions.Skipped);
        Assert.False(skipped.IsPending);
        Assert.Contains("twelve", skipped.RawJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAccountTransactions_KeepsEachRowsRawJson_ForStorage()
    {
        await using var harness = Serve(HttpStatusCode.OK, "transactions-lenient.json");

        var result = await harness.Client.GetAccountTransactionsAsync("7e944232-bda9-40bc-b784-660c7ab5fe78", cancellationToken: Token);

        using var original = JsonDocument.Parse(RecordedDocuments.Read("transactions-lenient.json"));
        var expected = original.RootElement.GetProperty("transactions").GetProperty("booked")[0].GetRawText();
        Assert.Equal(expected, result.Value.Booked[0].RawJson);
        using var raw = JsonDocument.Parse(result.Value.Booked[0].RawJson);
        Assert.Equal(3, raw.RootElement.GetProperty("unknownBankField").GetArrayLength());
    }

    [Theory]
    [InlineData("transactions-no-pending.json", 1)]
    [InlineData("transactions-null-pending.json", 0)]
    public async Task GetAccountTransactions_ReturnsEmptyPending_WhenPendingMissingOrNull(string document, int booked)
    {
        await using var harness = Serve(HttpStatusCode.OK, document);

        var result = await harness.Client.GetAccountTransactionsAsync("7e944232-bda9-40bc-b784-660c7ab5fe78", cancellationToken: Token);

        Assert.Equal(booked, result.Value.Booked.Count);
        Assert.Empty(result.Value.Pending);
        Assert.Empty(result.Value.Skipped);
    }

    [Fact]
    public async Task GetAccountTransactions_AmountWithThousandsComma_IsSkippedNotMisread()
    {
        await using var harness = ClientHarness.Create();
        harness.Handler.Responder = (_, _) => Task.FromResult(Responses.Json(
            HttpStatusCode.OK, """{"transactions":{"booked":[{"transactionAmount":{"amount":"15,00","currency":"EUR"}}],"pending":[]}}"""));

        var result = await harness.Client.GetAccountTransactionsAsync("7e944232-bda9-40bc-b784-660c7ab5fe78", cancellationToken: Token);

        Assert.Empty(result.Value.Booked);
        Assert.Single(result.Value.Skipped);
    }

    [Fact]
    public async Task DeleteRequisition_ReturnsSummary_WhenDeleted()
    {
        await using var harness = ClientHarness.Create();
        harness.Handler.Responder = (_, _) => Task.FromResult(Responses.Json(
            HttpStatusCode.OK,
            """{"summary":"Requisition deleted","detail":"Requisition 8126e9fb-93c9-4228-937c-68f0383c2df7 deleted with all its End User Agreements"}"""));

        var result = await harness.Client.DeleteRequisitionAsync("8126e9fb-93c9-4228-937c-68f0383c2df7", Token);

        Assert.Equal("Requisition deleted", result.Value.Summary);
        var request = Assert.Single(harness.Handler.DataRequests);
        Assert.Equal("DELETE", request.Method);
        Assert.Equal("requisitions/8126e9fb-93c9-4228-937c-68f0383c2df7/", request.Path);
    }

    [Fact]
    public async Task DeleteRequisitionIfExists_ReturnsFalse_WhenAlreadyGone()
    {
        await using var harness = ClientHarness.Create();

        var deleted = await harness.Client.DeleteRequisitionIfExistsAsync("8126e9fb-93c9-4228-937c-68f0383c2df7", Token);

        Assert.False(deleted);
        Assert.Single(harness.Handler.DataRequests);
    }

    [Fact]
    public async Task DeleteAgreementIfExists_Throws_WhenFailureIsNotNotFound()
    {
        await using var harness = ClientHarness.Create();
        harness.Handler.Responder = (_, _) => Task.FromResult(Responses.Json(
            HttpStatusCode.BadRequest,
            """{"summary":"Cannot delete End User Agreement","detail":"Cannot delete accepted End User Agreement: x. Only non accepted agreements can be deleted","status_code":400}"""));

        var exception = await Assert.ThrowsAsync<GoCardlessValidationException>(
            () => harness.Client.DeleteAgreementIfExistsAsync("3fa85f64-5717-4562-b3fc-2c963f66afa6", Token));

        Assert.Equal("Cannot delete End User Agreement", exception.Summary);
    }

    [Theory]
    [InlineData("http_x_ratelimit_limit", "http_x_ratelimit_remaining", "http_x_ratelimit_reset", "http_x_ratelimit_account_success_limit", "http_x_ratelimit_account_success_remaining", "http_x_ratelimit_account_success_reset")]
    [InlineData("x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "x-ratelimit-account-success-limit", "x-ratelimit-account-success-remaining", "x-ratelimit-account-success-reset")]
    [InlineData("HTTP_X_RATELIMIT_LIMIT", "HTTP_X_RATELIMIT_REMAINING", "HTTP_X_RATELIMIT_RESET", "HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_LIMIT", "HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_REMAINING", "HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_RESET")]
    public async Task RateLimits_AreReadFromEitherSpelling_OnSuccess(string limit, string remaining, string reset, string accountLimit, string accountRemaining, string accountReset)
    {
        await using var harness = Serve(
            HttpStatusCode.OK,
            "transactions-no-pending.json",
            (limit, "100"),
            (remaining, "99"),
            (reset, "59"),
            (accountLimit, "4"),
            (accountRemaining, "0"),
            (accountReset, "86307"));

        var result = await harness.Client.GetAccountTransactionsAsync("7e944232-bda9-40bc-b784-660c7ab5fe78", cancellationToken: Token);

        Assert.Equal(new RateLimitInfo(100, 99, 59, 4, 0, 86307), result.RateLimits);
    }

    [Fact]
    public async Task GetAccount_EscapesIdSegment_WhenIdHasReservedCharacters()
    {
        await using var harness = Serve(HttpStatusCode.OK, "account-metadata.json");

        await harness.Client.GetAccountAsync("a/b?c", Token);

        Assert.Equal("accounts/a%2Fb%3Fc/", harness.Handler.DataRequests[0].Path);
        Assert.Equal("", harness.Handler.DataRequests[0].Query);
    }
}
