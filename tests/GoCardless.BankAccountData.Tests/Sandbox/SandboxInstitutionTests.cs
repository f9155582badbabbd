using System.Net;

namespace GoCardless.BankAccountData.Tests.Sandbox;

public sealed class SandboxInstitutionTests
{
    [Fact]
    public async Task List_ReturnsAllElevenBanks_WhenNoCountryIsGiven()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var reply = await sandbox.GetAsync("api/v2/institutions/");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var ids = reply.Json.AsArray().Select(i => (string)i!["id"]!).ToArray();
        Assert.Equal(11, ids.Length);
        Assert.Contains("SANDBOXFINANCE_SFIN0000", ids);
        Assert.All(reply.Json.AsArray(), i => Assert.Null(i!["supported_features"]));
    }

    [Theory]
    [InlineData("gb", new[] { "NATIONWIDE_NAIAGB21", "MONZO_MONZGB2L", "STARLING_SRLGGB3L", "BARCLAYS_BUKBGB22" })]
    [InlineData("DE", new[] { "REVOLUT_REVOLT21", "N26_NTSBDEB1" })]
    [InlineData("xx", new[] { "SANDBOXFINANCE_SFIN0000" })]
    [InlineData("PL", new string[0])]
    public async Task List_FiltersByCountryCaseInsensitively_WhenCountryIsGiven(string country, string[] expected)
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var reply = await sandbox.GetAsync($"api/v2/institutions/?country={country}");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(expected, reply.Json.AsArray().Select(i => (string)i!["id"]!).ToArray());
    }

    [Fact]
    public async Task List_Returns400InvalidCountryChoice_WhenCountryIsNotSupported()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var reply = await sandbox.GetAsync("api/v2/institutions/?country=US");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("""{"country":{"summary":"Invalid country choice.","detail":"US is not a valid choice."},"status_code":400}""", reply.Body);
    }

    [Fact]
    public async Task List_PartitionsTheCatalogue_WhenBooleanFeatureFilterIsTrueOrFalse()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var yes = await sandbox.GetAsync("api/v2/institutions/?account_selection_supported=true");
        var no = await sandbox.GetAsync("api/v2/institutions/?account_selection_supported=false");

        Assert.Equal(HttpStatusCode.OK, yes.Status);
        Assert.Equal(HttpStatusCode.OK, no.Status);
        Assert.Equal(["NATIONWIDE_NAIAGB21", "REVOLUT_REVOLT21"], yes.Json.AsArray().Select(i => (string)i!["id"]!).ToArray());
        Assert.Equal(9, no.Json.AsArray().Count);
        var card = await sandbox.GetAsync("api/v2/institutions/?country=GB&card_accounts_supported=true");
        Assert.Equal(["BARCLAYS_BUKBGB22"], card.Json.AsArray().Select(i => (string)i!["id"]!).ToArray());
    }

    [Fact]
    public async Task List_Returns400UnknownFields_WhenQueryHasUnknownParameter()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var reply = await sandbox.GetAsync("api/v2/institutions/?payments_enabled=true");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("Unknown fields", (string)reply.Json["summary"]!);
    }

    [Fact]
    public async Task Get_ReturnsSandboxFinanceRecord_WhenIdIsKnown()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var reply = await sandbox.GetAsync("api/v2/institutions/SANDBOXFINANCE_SFIN0000/");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(
            """{"id":"SANDBOXFINANCE_SFIN0000","name":"Sandbox Finance","bic":"SFIN0000","transaction_total_days":"90","max_access_valid_for_days":"180","countries":["XX"],"logo":"https://cdn-logos.gocardless.com/ais/SANDBOXFINANCE_SFIN0000.png","supported_payments":{},"supported_features":[],"identification_codes":[]}""",
            reply.Body);
    }

    [Fact]
    public async Task Get_Returns404NotFound_WhenIdIsUnknown()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var reply = await sandbox.GetAsync("api/v2/institutions/NOPE_NOPE0000/");

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("""{"summary":"Not found.","detail":"Not found.","status_code":404}""", reply.Body);
    }
}
