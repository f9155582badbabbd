using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Tests.Infrastructure;

namespace PersonalFinance.Api.Tests.Institutions;

public sealed class InstitutionsEndpointsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static List<string> Ids(JsonElement body) =>
        [.. body.GetProperty("institutions").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];

    [Fact]
    public async Task List_FillsTheCatalogueFromGoCardlessOnDemand_AndFilters()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateClient(await api.CreateUserAsync(cancellationToken: Ct));

        var all = await client.GetFromJsonAsync<JsonElement>("/api/institutions", Ct);
        var british = await client.GetFromJsonAsync<JsonElement>("/api/institutions?country=gb", Ct);
        var searched = await client.GetFromJsonAsync<JsonElement>("/api/institutions?search=BANK&country=GB", Ct);
        var provider = await client.GetFromJsonAsync<JsonElement>("/api/institutions?provider=gocardless&country=de", Ct);

        Assert.Equal(11, all.GetProperty("total").GetInt32());
        Assert.Equal(Ids(all).Count, Ids(all).Distinct().Count());
        Assert.Equal(["BARCLAYS_BUKBGB22", "MONZO_MONZGB2L", "NATIONWIDE_NAIAGB21", "STARLING_SRLGGB3L"], Ids(british));
        Assert.Equal(["MONZO_MONZGB2L", "STARLING_SRLGGB3L"], Ids(searched));
        Assert.Equal(["N26_NTSBDEB1", "REVOLUT_REVOLT21"], Ids(provider));
        var sandboxBank = all.GetProperty("institutions").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "SANDBOXFINANCE_SFIN0000");
        Assert.Equal("Sandbox Finance", sandboxBank.GetProperty("name").GetString());
        Assert.Equal(90, sandboxBank.GetProperty("transaction_total_days").GetInt32());
        Assert.Equal(180, sandboxBank.GetProperty("max_access_valid_for_days").GetInt32());
        Assert.Equal(["XX"], sandboxBank.GetProperty("countries").EnumerateArray().Select(c => c.GetString()));
        Assert.Single(await api.Sandbox.CallsAsync(), c => c == "GET institutions/");
        await using var db = api.CreateDbContext();
        Assert.Equal(11, await db.GcInstitutions.CountAsync(Ct));
    }

    [Fact]
    public async Task Get_ReturnsTheInstitution_AndNotFoundForAnUnknownId()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateClient(await api.CreateUserAsync(cancellationToken: Ct));

        var monzo = await client.GetFromJsonAsync<JsonElement>("/api/institutions/MONZO_MONZGB2L", Ct);
        using var unknown = await client.GetAsync("/api/institutions/NOPE_NOPE0000", Ct);

        Assert.Equal("Monzo Bank", monzo.GetProperty("name").GetString());
        Assert.Equal("gocardless", monzo.GetProperty("provider").GetString());
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, "Institution not found: NOPE_NOPE0000");
    }

    [Theory]
    [InlineData("?country=GBR", "country")]
    [InlineData("?country=1A", "country")]
    [InlineData("?provider=plaid", "provider")]
    public async Task List_ReturnsValidationProblem_ForBadCountryOrProvider(string query, string field)
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateClient(await api.CreateUserAsync(cancellationToken: Ct));

        using var response = await client.GetAsync($"/api/institutions{query}", Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.Body.GetProperty("errors").TryGetProperty(field, out _));
        Assert.Empty(await api.Sandbox.CallsAsync());
    }

    [Fact]
    public async Task List_RequiresAuthentication()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();

        using var response = await client.GetAsync("/api/institutions", Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "Not authenticated");
    }
}
