using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text.Json.Nodes;

namespace GoCardless.BankAccountData.Tests.Sandbox;

public sealed class SandboxAccountDataTests
{
    [Fact]
    public async Task SandboxFinance_MirrorsTheRealSandbox_WhenLinked()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var (_, accounts) = await sandbox.LinkAsync("SANDBOXFINANCE_SFIN0000");

        var metadata = await sandbox.GetAsync($"api/v2/accounts/{accounts[0]}/");
        var details = await sandbox.GetAsync($"api/v2/accounts/{accounts[1]}/details/");
        var balances = await sandbox.GetAsync($"api/v2/accounts/{accounts[0]}/balances/");
        var transactions = await sandbox.GetAsync($"api/v2/accounts/{accounts[0]}/transactions/");

        Assert.Equal(2, accounts.Length);
        Assert.Equal(HttpStatusCode.OK, metadata.Status);
        Assert.Equal("John Doe", (string)metadata.Json["owner_name"]!);
        Assert.Equal("READY", (string)metadata.Json["status"]!);
        Assert.StartsWith("GL", (string)metadata.Json["iban"]!, StringComparison.Ordinal);
        Assert.True(IsValidIban((string)metadata.Json["iban"]!));
        Assert.Equal(HttpStatusCode.OK, details.Status);
        var account = details.Json["account"]!;
        Assert.Equal("Jane Doe", (string)account["ownerName"]!);
        Assert.Equal("Main Account", (string)account["name"]!);
        Assert.Equal("Checkings", (string)account["product"]!);
        Assert.Equal("CACC", (string)account["cashAccountType"]!);
        Assert.Equal("EUR", (string)account["currency"]!);
        Assert.Matches("^[0-9A-Z]{26}$", (string)account["resourceId"]!);
        Assert.Equal(
            """{"balances":[{"balanceAmount":{"amount":"1913.12","currency":"EUR"},"balanceType":"expected","referenceDate":"2026-03-10"},{"balanceAmount":{"amount":"1913.12","currency":"EUR"},"balanceType":"interimAvailable","referenceDate":"2026-03-10"}]}""",
            balances.Body);
        Assert.Equal(HttpStatusCode.OK, transactions.Status);
        var pending = transactions.Json["transactions"]!["pending"]!.AsArray();
        Assert.Contains(pending, p => (string)p!["remittanceInformationUnstructured"]! == "Reserved PAYMENT Emperor's Burgers");
        var booked = transactions.Json["transactions"]!["booked"]!.AsArray();
        Assert.Contains(booked, b => (string?)b!["remittanceInformationUnstructured"] == "Freshto Ideal Clerkenwell"
            && (string)b["transactionAmount"]!["amount"]! == "-95.35");
        Assert.All(booked, b => Assert.Matches("^\\d{16}-1$", (string)b!["transactionId"]!));
        Assert.Equal("2026-03-10T12:00:00.000000Z", (string)transactions.Json["last_updated"]!);
    }

    [Fact]
    public async Task Transactions_ArePendingOnValueDateAndBookedNextDay_WhenClockAdvances()
    {
        await using var sandbox = await SandboxHarness.StartAsync(o =>
        {
            o.PerScopeDailyLimit = 0;
            o.AccessTokenLifetime = TimeSpan.FromDays(60);
        });
        var (_, accounts) = await sandbox.LinkAsync("NATIONWIDE_NAIAGB21");
        var url = $"api/v2/accounts/{accounts[0]}/transactions/";

        // Find a day with pending rows (deterministic, so the loop ends quickly).
        JsonArray pending;
        var day = 0;
        while ((pending = (await sandbox.GetAsync(url)).Json["transactions"]!["pending"]!.AsArray()).Count == 0)
        {
            sandbox.Time.Advance(TimeSpan.FromDays(1));
            Assert.True(++day < 30);
        }

        var today = DateOnly.FromDateTime(sandbox.Time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.All(pending, p =>
        {
            Assert.Equal(today, (string)p!["valueDate"]!);
            Assert.Null(p["transactionId"]);
            Assert.Null(p["internalTransactionId"]);
            Assert.Null(p["bookingDate"]);
            Assert.StartsWith("Reserved ", (string)p["remittanceInformationUnstructured"]!, StringComparison.Ordinal);
        });

        sandbox.Time.Advance(TimeSpan.FromDays(1));
        var next = await sandbox.GetAsync(url);
        var booked = next.Json["transactions"]!["booked"]!.AsArray().Where(b => (string)b!["valueDate"]! == today).ToList();
        Assert.Equal(pending.Count, booked.Count);
        Assert.All(booked, b =>
        {
            Assert.Equal(DateOnly.Parse(today, CultureInfo.InvariantCulture).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                (string)b!["bookingDate"]!);
            Assert.Matches("^[0-9a-f]{32}$", (string)b["internalTransactionId"]!);
            Assert.Equal((string)b["transactionId"]!, (string)b["entryReference"]!);
            Assert.Equal("PMNT", (string)b["bankTransactionCode"]!);
            Assert.Equal("interimBooked", (string)b["balanceAfterTransaction"]!["balanceType"]!);
        });
        Assert.Equal(
            pending.Select(p => (string)p!["transactionAmount"]!["amount"]!).Order(StringComparer.Ordinal),
            booked.Select(b => (string)b!["transactionAmount"]!["amount"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Balances_AreConsistentWithRows_ForAGeneratedAccount()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var (_, accounts) = await sandbox.LinkAsync("REVOLUT_REVOLT21");

        var balances = await sandbox.GetAsync($"api/v2/accounts/{accounts[0]}/balances/");
        var transactions = await sandbox.GetAsync($"api/v2/accounts/{accounts[0]}/transactions/");

        Assert.Equal(HttpStatusCode.OK, balances.Status);
        Assert.Equal(HttpStatusCode.OK, transactions.Status);
        var byType = balances.Json["balances"]!.AsArray().ToDictionary(b => (string)b!["balanceType"]!, b => Amount(b!["balanceAmount"]!));
        var rows = transactions.Json["transactions"]!;
        var pendingSum = rows["pending"]!.AsArray().Sum(p => Amount(p!["transactionAmount"]!));
        Assert.Equal(byType["closingBooked"] + pendingSum, byType["expected"]);
        Assert.Equal(byType["expected"], byType["interimAvailable"]);
        var newest = rows["booked"]!.AsArray().FirstOrDefault();
        if (newest is not null && (string)newest["bookingDate"]! == "2026-03-10")
        {
            Assert.Equal(byType["closingBooked"], Amount(newest["balanceAfterTransaction"]!["balanceAmount"]!));
        }

        var booked = rows["booked"]!.AsArray();
        for (var i = 0; i + 1 < booked.Count; i++)
        {
            Assert.Equal(Amount(booked[i]!["balanceAfterTransaction"]!["balanceAmount"]!) - Amount(booked[i]!["transactionAmount"]!),
                Amount(booked[i + 1]!["balanceAfterTransaction"]!["balanceAmount"]!));
        }
    }

    [Fact]
    public async Task Data_IsIdentical_ForSameSeedAndDateAcrossServers()
    {
        static async Task<(string Transactions, string Details)> FetchAsync(Action<GoCardless.Sandbox.SandboxOptions>? configure)
        {
            await using var sandbox = await SandboxHarness.StartAsync(configure);
            var (_, accounts) = await sandbox.LinkAsync("N26_NTSBDEB1", psu: "erin");
            return ((await sandbox.GetAsync($"api/v2/accounts/{accounts[0]}/transactions/")).Body,
                (await sandbox.GetAsync($"api/v2/accounts/{accounts[0]}/details/")).Body);
        }

        var first = await FetchAsync(null);
        var second = await FetchAsync(null);
        var otherSeed = await FetchAsync(o => o.Seed = "another-seed");

        Assert.Equal(first, second);
        Assert.NotEqual(first.Details, otherSeed.Details);
        Assert.NotEqual(first.Transactions, otherSeed.Transactions);
        var rows = JsonNode.Parse(first.Transactions)!["transactions"]!["booked"]!.AsArray();
        Assert.NotEmpty(rows);
        Assert.All(rows, r =>
        {
            Assert.Null(r!["transactionId"]);
            Assert.Null(r["internalTransactionId"]);
        });
    }

    [Fact]
    public async Task Transactions_HonourBankQuirks_ForKbcIngMonzoStarlingBarclays()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var kbc = (await sandbox.LinkAsync("KBC_KREDBEBB")).Accounts[0];
        var ing = (await sandbox.LinkAsync("ING_INGBNL2A")).Accounts[0];
        var monzo = (await sandbox.LinkAsync("MONZO_MONZGB2L")).Accounts[0];
        var starling = (await sandbox.LinkAsync("STARLING_SRLGGB3L")).Accounts[0];
        var barclaysCard = (await sandbox.LinkAsync("BARCLAYS_BUKBGB22")).Accounts[1];

        var kbcTx = (await sandbox.GetAsync($"api/v2/accounts/{kbc}/transactions/")).Json["transactions"]!;
        var ingTx = (await sandbox.GetAsync($"api/v2/accounts/{ing}/transactions/")).Json["transactions"]!["booked"]!.AsArray();
        var monzoTx = (await sandbox.GetAsync($"api/v2/accounts/{monzo}/transactions/")).Json["transactions"]!["booked"]!.AsArray();
        var starlingTx = (await sandbox.GetAsync($"api/v2/accounts/{starling}/transactions/")).Json["transactions"]!["booked"]!.AsArray();
        var card = await sandbox.GetAsync($"api/v2/accounts/{barclaysCard}/details/");
        var cardBalances = await sandbox.GetAsync($"api/v2/accounts/{barclaysCard}/balances/");

        Assert.Null(kbcTx["pending"]);
        Assert.All(kbcTx["booked"]!.AsArray(), r =>
        {
            Assert.NotNull(r!["transactionId"]);
            Assert.Null(r["internalTransactionId"]);
        });
        Assert.All(ingTx, r => Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$", (string)r!["valueDateTime"]!));
        Assert.All(monzoTx, r => Assert.EndsWith("+01:00", (string)r!["bookingDateTime"]!, StringComparison.Ordinal));
        Assert.All(starlingTx, r =>
        {
            Assert.Null(r!["remittanceInformationUnstructured"]);
            Assert.Single(r["remittanceInformationUnstructuredArray"]!.AsArray());
        });
        Assert.Equal("CARD", (string)card.Json["account"]!["cashAccountType"]!);
        Assert.Null(card.Json["account"]!["iban"]);
        Assert.Matches(@"^\d{6}\*{6}\d{4}$", (string)card.Json["account"]!["maskedPan"]!);
        Assert.Contains(cardBalances.Json["balances"]!.AsArray(), b => (bool?)b!["creditLimitIncluded"] == true);
    }

    [Fact]
    public async Task Details_IncludeScanAndBban_ForGbBank()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var (_, accounts) = await sandbox.LinkAsync("NATIONWIDE_NAIAGB21");

        var details = await sandbox.GetAsync($"api/v2/accounts/{accounts[0]}/details/");

        Assert.Equal(HttpStatusCode.OK, details.Status);
        var iban = (string)details.Json["account"]!["iban"]!;
        Assert.Matches("^GB\\d{2}NAIA\\d{14}$", iban);
        Assert.True(IsValidIban(iban));
        Assert.Equal(iban[4..], (string)details.Json["account"]!["bban"]!);
        Assert.Equal(iban[8..], (string)details.Json["account"]!["scan"]!);
    }

    [Fact]
    public async Task Accounts_ReturnContractErrors_ForMalformedAndUnknownIds()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var unknown = Guid.NewGuid().ToString();

        var malformed = await sandbox.GetAsync("api/v2/accounts/xyz/balances/");
        var missingMeta = await sandbox.GetAsync($"api/v2/accounts/{unknown}/");
        var missingData = await sandbox.GetAsync($"api/v2/accounts/{unknown}/transactions/");

        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);
        Assert.Equal("""{"summary":"Invalid Account ID","detail":"xyz is not a valid Account UUID. ","status_code":400}""", malformed.Body);
        Assert.Equal(HttpStatusCode.NotFound, missingMeta.Status);
        Assert.Equal("""{"summary":"No Account matches the given query.","detail":"No Account matches the given query.","status_code":404}""", missingMeta.Body);
        Assert.Equal(HttpStatusCode.NotFound, missingData.Status);
        Assert.Equal($$"""{"summary":"Account ID {{unknown}} not found","detail":"Please check whether you specified a valid Account ID","status_code":404}""", missingData.Body);
    }

    [Fact]
    public async Task Data_Returns403ScopeError_WhenAgreementLacksScope()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var eua = await sandbox.SendAsync(HttpMethod.Post, "api/v2/agreements/enduser/",
            new { institution_id = "ING_INGBNL2A", access_scope = new[] { "balances" } });
        var (_, accounts) = await sandbox.LinkAsync("ING_INGBNL2A", extra: new { agreement = (string)eua.Json["id"]! });

        var reply = await sandbox.GetAsync($"api/v2/accounts/{accounts[0]}/transactions/");
        var allowed = await sandbox.GetAsync($"api/v2/accounts/{accounts[0]}/balances/");

        Assert.Equal(HttpStatusCode.Forbidden, reply.Status);
        Assert.Equal(
            """{"summary":"End User Agreement (EUA) access scope error","detail":"EUA doesn't allow access to account transactions. Check EUA access scope. Or create new EUA with correct access scope","status_code":403}""",
            reply.Body);
        Assert.Equal(HttpStatusCode.OK, allowed.Status);
        Assert.NotEmpty(allowed.Json["balances"]!.AsArray());
    }

    [Fact]
    public async Task Transactions_Return400_WhenDatesAreReversedOrInTheFuture()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var (_, accounts) = await sandbox.LinkAsync("ING_INGBNL2A");
        var url = $"api/v2/accounts/{accounts[0]}/transactions/";

        var reversed = await sandbox.GetAsync(url + "?date_from=2026-03-05&date_to=2026-03-01");
        var future = await sandbox.GetAsync(url + "?date_from=2026-03-11&date_to=2026-03-12");
        var narrowed = await sandbox.GetAsync(url + "?date_from=2026-03-01&date_to=2026-03-05");

        Assert.Equal(HttpStatusCode.BadRequest, reversed.Status);
        Assert.Equal(
            """{"summary":"Incorrect date range","detail":"Starting date '2026-03-05' is greater than end date '2026-03-01'. When specifying date range, starting date must precede the end date","status_code":400}""",
            reversed.Body);
        Assert.Equal(HttpStatusCode.BadRequest, future.Status);
        Assert.Equal(
            """{"date_from":{"summary":"Date can't be in future","detail":"'2026-03-11' can't be greater than 2026-03-10. Specify correct date range"},"date_to":{"summary":"Date can't be in future","detail":"'2026-03-12' can't be greater than 2026-03-10. Specify correct date range"},"status_code":400}""",
            future.Body);
        Assert.Equal(HttpStatusCode.OK, narrowed.Status);
        Assert.All(narrowed.Json["transactions"]!["booked"]!.AsArray(), r =>
        {
            var booking = (string)r!["bookingDate"]!;
            var value = (string)r["valueDate"]!;
            Assert.True(string.CompareOrdinal(booking, "2026-03-05") <= 0 || string.CompareOrdinal(value, "2026-03-05") <= 0);
            Assert.True(string.CompareOrdinal(value, "2026-02-28") >= 0);
        });
    }

    [Fact]
    public async Task Accounts_ExpireLazily_WhenAccessDaysHavePassed()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var (id, accounts) = await sandbox.LinkAsync("SANDBOXFINANCE_SFIN0000");
        var agreement = (string)(await sandbox.GetAsync($"api/v2/requisitions/{id}/")).Json["agreement"]!;

        sandbox.Time.Advance(TimeSpan.FromDays(90));
        sandbox.ForgetToken();
        var before = await sandbox.GetAsync($"api/v2/requisitions/{id}/");
        var data = await sandbox.GetAsync($"api/v2/accounts/{accounts[0]}/balances/");
        var after = await sandbox.GetAsync($"api/v2/requisitions/{id}/");
        var metadata = await sandbox.GetAsync($"api/v2/accounts/{accounts[1]}/");

        Assert.Equal("LN", (string)before.Json["status"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, data.Status);
        Assert.Equal(
            $$"""{"summary":"End User Agreement (EUA) {{agreement}} has expired","detail":"EUA was valid for 90 days and it expired at 2026-06-08 12:00:00.000000+00:00. The end user must connect the account once more with new EUA and Requisition","status_code":401}""",
            data.Body);
        Assert.Equal("EX", (string)after.Json["status"]!);
        Assert.Equal(HttpStatusCode.OK, metadata.Status);
        Assert.Equal("EXPIRED", (string)metadata.Json["status"]!);
    }

    [Fact]
    public async Task Data_Returns409Processing_UntilProcessingDelayHasPassed()
    {
        await using var sandbox = await SandboxHarness.StartAsync(o => o.ProcessingDelay = TimeSpan.FromMinutes(2));
        var (_, accounts) = await sandbox.LinkAsync("ING_INGBNL2A");

        var processing = await sandbox.GetAsync($"api/v2/accounts/{accounts[0]}/balances/");
        var metadata = await sandbox.GetAsync($"api/v2/accounts/{accounts[0]}/");
        sandbox.Time.Advance(TimeSpan.FromMinutes(2));
        var ready = await sandbox.GetAsync($"api/v2/accounts/{accounts[0]}/balances/");

        Assert.Equal(HttpStatusCode.Conflict, processing.Status);
        Assert.Equal(
            $$"""{"summary":"Account is Processing","detail":"Your account data is currently being processed. Please try again shortly, or poll /accounts/{{accounts[0]}}/ endpoint and retry when status is READY","type":"AccountProcessing","status_code":409}""",
            processing.Body);
        Assert.Equal("PROCESSING", (string)metadata.Json["status"]!);
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.NotEmpty(ready.Json["balances"]!.AsArray());
    }

    [Fact]
    public async Task Data_Returns409_WhenControlApiSuspendsAccount()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var (_, accounts) = await sandbox.LinkAsync("ING_INGBNL2A");
        var set = await sandbox.ControlAsync(HttpMethod.Put, $"accounts/{accounts[0]}/status", new { status = "SUSPENDED" });

        var suspended = await sandbox.GetAsync($"api/v2/accounts/{accounts[0]}/details/");
        await sandbox.ControlAsync(HttpMethod.Put, $"accounts/{accounts[0]}/status", new { status = "ERROR" });
        var error = await sandbox.GetAsync($"api/v2/accounts/{accounts[0]}/details/");

        Assert.Equal(HttpStatusCode.OK, set.Status);
        Assert.Equal(HttpStatusCode.Conflict, suspended.Status);
        Assert.Equal(
            """{"summary":"Account suspended","detail":"This account or its requisition was suspended due to numerous errors that occurred while accessing it.","status_code":409}""",
            suspended.Body);
        Assert.Equal(HttpStatusCode.Conflict, error.Status);
        Assert.Equal("ERROR", (string)error.Json["status"]!);
        Assert.Equal(accounts[0], (string)error.Json["id"]!);
    }

    [Fact]
    public async Task Metadata_UpdatesLastAccessed_OnSuccessfulDataCall()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var (_, accounts) = await sandbox.LinkAsync("ING_INGBNL2A");
        var before = await sandbox.GetAsync($"api/v2/accounts/{accounts[0]}/");

        sandbox.Time.Advance(TimeSpan.FromMinutes(5));
        await sandbox.GetAsync($"api/v2/accounts/{accounts[0]}/details/");
        var after = await sandbox.GetAsync($"api/v2/accounts/{accounts[0]}/");

        Assert.Null(before.Json["last_accessed"]);
        Assert.Equal("2026-03-10T12:05:00.000000Z", (string)after.Json["last_accessed"]!);
    }

    [Fact]
    public async Task InternalTransactionId_ChangesOnReconnect_OnlyWhenScopeIsAccount()
    {
        static async Task<(string, string)> IdsAsync(SandboxHarness sandbox)
        {
            var first = (await sandbox.LinkAsync("ING_INGBNL2A")).Accounts[0];
            var second = (await sandbox.LinkAsync("ING_INGBNL2A")).Accounts[0];
            string Id(Reply r) => (string)r.Json["transactions"]!["booked"]!.AsArray()[0]!["internalTransactionId"]!;
            return (Id(await sandbox.GetAsync($"api/v2/accounts/{first}/transactions/")),
                Id(await sandbox.GetAsync($"api/v2/accounts/{second}/transactions/")));
        }

        await using var identity = await SandboxHarness.StartAsync();
        await using var account = await SandboxHarness.StartAsync(o => o.InternalIdScope = "account");

        var (a1, a2) = await IdsAsync(identity);
        var (b1, b2) = await IdsAsync(account);

        Assert.Equal(a1, a2);
        Assert.NotEqual(b1, b2);
    }

    private static decimal Amount(JsonNode money) => decimal.Parse((string)money["amount"]!, CultureInfo.InvariantCulture);

    private static bool IsValidIban(string iban)
    {
        var rearranged = iban[4..] + iban[..4];
        var digits = string.Concat(rearranged.Select(c => char.IsAsciiDigit(c) ? c.ToString() : (c - 'A' + 10).ToString(CultureInfo.InvariantCulture)));
        return BigInteger.Parse(digits, CultureInfo.InvariantCulture) % 97 == 1;
    }
}
