using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Connections;
using PersonalFinance.Api.Tests.Infrastructure;

namespace PersonalFinance.Api.Tests.Connections;

public sealed class ConnectionsEndpointsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_ReturnsNotFound_WhenInstitutionUnknownHereAndAtGoCardless()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateClient(await api.CreateUserAsync(cancellationToken: Ct));

        using var response = await client.PostAsJsonAsync("/api/connections", new { institution_id = "NOSUCHBANK_XXXX0000", friendly_name = "Mine" }, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "Institution not found: NOSUCHBANK_XXXX0000");
        await using var db = api.CreateDbContext();
        Assert.Equal(0, await db.Connections.CountAsync(Ct));
        Assert.Empty(await api.Sandbox.RequisitionsAsync());
    }

    [Fact]
    public async Task Create_ReturnsUnauthorized_WithoutToken()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();

        using var response = await client.PostAsJsonAsync("/api/connections", new { institution_id = "SANDBOXFINANCE_SFIN0000", friendly_name = "Mine" }, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "Not authenticated");
        Assert.Empty(await api.Sandbox.RequisitionsAsync());
    }

    [Theory]
    [Trait("Requirement", "S29")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("an overly long name xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    public async Task Create_ReturnsValidationProblem_WhenFriendlyNameOutOfRange(string friendlyName)
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateClient(await api.CreateUserAsync(cancellationToken: Ct));

        using var response = await client.PostAsJsonAsync("/api/connections", new { institution_id = "SANDBOXFINANCE_SFIN0000", friendly_name = friendlyName }, Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.Body.GetProperty("errors").TryGetProperty("friendly_name", out _), problem.Body.ToString());
        Assert.Empty(await api.Sandbox.RequisitionsAsync());
    }

    [Theory]
    [InlineData("internal_error", HttpStatusCode.ServiceUnavailable)]
    [InlineData("connection_error", HttpStatusCode.ServiceUnavailable)]
    public async Task Create_ReturnsServiceUnavailableAndStoresNothing_WhenGoCardlessFails(string fault, HttpStatusCode expected)
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateClient(await api.CreateUserAsync(cancellationToken: Ct));
        await client.GetAsync("/api/institutions", Ct);
        await api.Sandbox.AddFaultAsync("POST requisitions/", fault);

        using var response = await client.PostAsJsonAsync("/api/connections", new { institution_id = "SANDBOXFINANCE_SFIN0000", friendly_name = "Mine" }, Ct);

        await ProblemAssert.IsProblemAsync(response, expected, "The bank data provider is unavailable. Please try again.");
        await using var db = api.CreateDbContext();
        Assert.Equal(0, await db.Connections.CountAsync(Ct));
        Assert.Equal(0, await db.GcRequisitionLinks.CountAsync(Ct));
    }

    [Fact]
    public async Task Create_ReturnsTooManyRequestsWithRetryAfter_WhenGoCardlessRateLimits()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateClient(await api.CreateUserAsync(cancellationToken: Ct));
        await client.GetAsync("/api/institutions", Ct);
        await api.Sandbox.AddFaultAsync("POST requisitions/", "rate_limit_general", extra: new { reset_seconds = 120 });

        using var response = await client.PostAsJsonAsync("/api/connections", new { institution_id = "SANDBOXFINANCE_SFIN0000", friendly_name = "Mine" }, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.TooManyRequests);
        Assert.True(response.Headers.RetryAfter?.Delta?.TotalSeconds > 0, "Retry-After must say when to try again.");
        await using var db = api.CreateDbContext();
        Assert.Equal(0, await db.Connections.CountAsync(Ct));
    }

    [Fact]
    public async Task Create_DeletesTheRequisitionAtGoCardless_WhenTheDatabaseFailsAfterwards()
    {
        await using var api = await TestApi.StartAsync(o => o.ConfigureServices = services => FailingSaves.Register(services), Ct);
        using var client = api.CreateClient(await api.CreateUserAsync(cancellationToken: Ct));
        await client.GetAsync("/api/institutions", Ct);
        FailingSaves.FailNextConnectionInsert = true;

        using var response = await client.PostAsJsonAsync("/api/connections", new { institution_id = "SANDBOXFINANCE_SFIN0000", friendly_name = "Mine" }, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError);
        Assert.Empty(await api.Sandbox.RequisitionsAsync());
        await using var db = api.CreateDbContext();
        Assert.Equal(0, await db.Connections.CountAsync(Ct));
        Assert.Equal(0, await db.GcRequisitionLinks.CountAsync(Ct));
    }

    [Fact]
    [Trait("Requirement", "S33")]
    public async Task Create_SendsAFreshVersion4Reference_EachTime()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateClient(await api.CreateUserAsync(cancellationToken: Ct));

        var first = await ConnectionsTestHelpers.CreateAsync(api, client);
        var second = await ConnectionsTestHelpers.CreateAsync(api, client);

        Assert.NotEqual(first.Reference, second.Reference);
        foreach (var created in new[] { first, second })
        {
            Assert.Equal(4, Guid.Parse(created.Reference).Version);
            Assert.NotEqual(created.Id.ToString(), created.Reference);
            Assert.NotEqual(created.RequisitionId, created.Reference);
            var atSandbox = await api.Sandbox.RequisitionAsync(created.RequisitionId);
            Assert.Equal(created.Reference, atSandbox!.Value.GetProperty("reference").GetString());
        }
    }

    [Fact]
    public async Task List_ReturnsOwnConnectionsNewestFirst()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateClient(await api.CreateUserAsync(cancellationToken: Ct));
        var first = await ConnectionsTestHelpers.CreateAsync(api, client, name: "First");
        api.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await ConnectionsTestHelpers.CreateAsync(api, client, name: "Second");
        using var stranger = api.CreateClient(await api.CreateUserAsync(cancellationToken: Ct));

        var mine = await client.GetFromJsonAsync<JsonElement>("/api/connections", Ct);
        var theirs = await stranger.GetFromJsonAsync<JsonElement>("/api/connections", Ct);

        Assert.Equal([second.Id, first.Id], mine.GetProperty("connections").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
        Assert.Equal(2, mine.GetProperty("total").GetInt32());
        var newest = mine.GetProperty("connections")[0];
        Assert.Equal("pending", newest.GetProperty("status").GetString());
        Assert.Equal("gocardless", newest.GetProperty("provider").GetString());
        Assert.Equal("Sandbox Finance", newest.GetProperty("institution").GetProperty("name").GetString());
        Assert.Equal(0, theirs.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Reauthorise_ReturnsNewLinkForSameConnection_AndKeepsAccountIds_WhenExpired()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateClient(await api.CreateUserAsync(cancellationToken: Ct));
        var created = await ConnectionsTestHelpers.CreateLinkedAsync(api, client, psu: "bob");
        var accountsBefore = await ConnectionsTestHelpers.AccountIdsAsync(client, created.Id);
        await SetStatusAsync(api, created.Id, ConnectionStatus.Expired);

        using var response = await client.PostAsync($"/api/connections/{created.Id}/reauthorise", null, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(created.Id, body.GetProperty("id").GetGuid());
        Assert.NotEqual(created.Link, body.GetProperty("link").GetString());
        Assert.Equal("pending", (await ConnectionsTestHelpers.GetConnectionAsync(client, created.Id)).GetProperty("status").GetString());
        Assert.Null(await api.Sandbox.RequisitionAsync(created.RequisitionId));

        string newRequisition;
        await using (var db = api.CreateDbContext())
        {
            newRequisition = (await db.Connections.SingleAsync(c => c.Id == created.Id, Ct)).ProviderId;
            Assert.NotEqual(created.RequisitionId, newRequisition);
            Assert.NotNull((await db.GcRequisitionLinks.SingleAsync(r => r.Id == created.RequisitionId, Ct)).DeletedAt);
        }

        using var callback = await client.GetAsync(await api.Sandbox.CompleteAsync(newRequisition, "linked", "bob"), Ct);
        Assert.EndsWith("?callback=success", callback.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal("active", (await ConnectionsTestHelpers.GetConnectionAsync(client, created.Id)).GetProperty("status").GetString());
        Assert.Equal(accountsBefore, await ConnectionsTestHelpers.AccountIdsAsync(client, created.Id));
    }

    [Fact]
    public async Task Reauthorise_ReturnsBadRequest_WhenConnectionActive()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateClient(await api.CreateUserAsync(cancellationToken: Ct));
        var created = await ConnectionsTestHelpers.CreateLinkedAsync(api, client);
        var requisitionsBefore = (await api.Sandbox.RequisitionsAsync()).Count;

        using var response = await client.PostAsync($"/api/connections/{created.Id}/reauthorise", null, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "Connection cannot be reauthorised. Current status: active");
        Assert.Equal(requisitionsBefore, (await api.Sandbox.RequisitionsAsync()).Count);
    }

    [Fact]
    [Trait("Requirement", "S13")]
    [Trait("Requirement", "S23")]
    public async Task Endpoints_AnswerNotFound_ForAnotherUsersConnectionExactlyAsForARandomId()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var owner = api.CreateClient(await api.CreateUserAsync(cancellationToken: Ct));
        var created = await ConnectionsTestHelpers.CreateAsync(api, owner);
        using var stranger = api.CreateClient(await api.CreateUserAsync(cancellationToken: Ct));
        var callsBefore = await api.Sandbox.CallsAsync();

        foreach (var id in new[] { created.Id, Guid.NewGuid() })
        {
            var expected = $"Connection not found: {id}";
            using var get = await stranger.GetAsync($"/api/connections/{id}", Ct);
            using var patch = await stranger.PatchAsJsonAsync($"/api/connections/{id}", new { friendly_name = "Stolen" }, Ct);
            using var reauthorise = await stranger.PostAsync($"/api/connections/{id}/reauthorise", null, Ct);
            using var delete = await stranger.DeleteAsync($"/api/connections/{id}", Ct);
            await ProblemAssert.IsProblemAsync(get, HttpStatusCode.NotFound, expected);
            await ProblemAssert.IsProblemAsync(patch, HttpStatusCode.NotFound, expected);
            await ProblemAssert.IsProblemAsync(reauthorise, HttpStatusCode.NotFound, expected);
            await ProblemAssert.IsProblemAsync(delete, HttpStatusCode.NotFound, expected);
        }

        Assert.Equal(callsBefore, await api.Sandbox.CallsAsync());
        var stillMine = await ConnectionsTestHelpers.GetConnectionAsync(owner, created.Id);
        Assert.Equal("My bank", stillMine.GetProperty("friendly_name").GetString());
    }

    [Fact]
    public async Task Patch_RenamesConnection()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateClient(await api.CreateUserAsync(cancellationToken: Ct));
        var created = await ConnectionsTestHelpers.CreateAsync(api, client);

        using var response = await client.PatchAsJsonAsync($"/api/connections/{created.Id}", new { friendly_name = "  Household  " }, Ct);
        using var invalid = await client.PatchAsJsonAsync($"/api/connections/{created.Id}", new { friendly_name = "" }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Household", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("friendly_name").GetString());
        await ProblemAssert.IsProblemAsync(invalid, HttpStatusCode.UnprocessableEntity);
        await using var db = api.CreateDbContext();
        Assert.Equal("Household", (await db.GcRequisitionLinks.SingleAsync(r => r.Id == created.RequisitionId, Ct)).FriendlyName);
    }

    [Fact]
    public async Task Delete_RevokesAtGoCardlessAndRemovesConnectionWithAccounts()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateClient(await api.CreateUserAsync(cancellationToken: Ct));
        var created = await ConnectionsTestHelpers.CreateLinkedAsync(api, client);

        using var response = await client.DeleteAsync($"/api/connections/{created.Id}", Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Null(await api.Sandbox.RequisitionAsync(created.RequisitionId));
        await using var db = api.CreateDbContext();
        Assert.Equal(0, await db.Connections.CountAsync(Ct));
        Assert.Equal(0, await db.Accounts.CountAsync(Ct));
        Assert.NotNull((await db.GcRequisitionLinks.SingleAsync(r => r.Id == created.RequisitionId, Ct)).DeletedAt);
    }

    [Fact]
    public async Task Delete_ReturnsBadGatewayButDeletesLocally_WhenRevokingFails()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateClient(await api.CreateUserAsync(cancellationToken: Ct));
        var created = await ConnectionsTestHelpers.CreateLinkedAsync(api, client);
        await api.Sandbox.AddFaultAsync("DELETE requisitions/*/", "internal_error");

        using var response = await client.DeleteAsync($"/api/connections/{created.Id}", Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadGateway,
            "Connection deleted locally, but failed to revoke bank access. The bank connection will expire automatically.");
        Assert.NotNull(await api.Sandbox.RequisitionAsync(created.RequisitionId));
        await using var db = api.CreateDbContext();
        Assert.Equal(0, await db.Connections.CountAsync(Ct));
    }

    [Fact]
    [Trait("Requirement", "F17")]
    public async Task RenameAndStatusRefresh_BothSurvive_WhenTheyRace()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateClient(await api.CreateUserAsync(cancellationToken: Ct));
        var created = await ConnectionsTestHelpers.CreateAsync(api, client);
        var callback = await api.Sandbox.CompleteAsync(created.RequisitionId);

        var rename = client.PatchAsJsonAsync($"/api/connections/{created.Id}", new { friendly_name = "Renamed while linking" }, Ct);
        var link = client.GetAsync(callback, Ct);
        using var renamed = await rename;
        using var linked = await link;

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        var connection = await ConnectionsTestHelpers.GetConnectionAsync(client, created.Id);
        Assert.Equal("Renamed while linking", connection.GetProperty("friendly_name").GetString());
        Assert.Equal("active", connection.GetProperty("status").GetString());
    }

    internal static async Task SetStatusAsync(TestApi api, Guid connectionId, ConnectionStatus status)
    {
        await using var db = api.CreateDbContext();
        await db.Connections.Where(c => c.Id == connectionId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, status), Ct);
    }
}
