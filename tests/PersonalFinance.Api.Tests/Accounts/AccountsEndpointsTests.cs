using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PersonalFinance.Api.Tests.Infrastructure;

namespace PersonalFinance.Api.Tests.Accounts;

public sealed class AccountsEndpointsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task List_GroupsByConnectionNewestFirst_ThenByName()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        var older = await TestData.AddConnectionAsync(api, user, "Older", createdAt: api.Clock.GetUtcNow().UtcDateTime.AddDays(-1));
        var newer = await TestData.AddConnectionAsync(api, user, "Newer");
        await TestData.AddAccountAsync(api, older, "Zeta");
        await TestData.AddAccountAsync(api, newer, "Savings", balance: 1234.56m);
        await TestData.AddAccountAsync(api, newer, "Current", balance: null);
        using var client = api.CreateClient(user);

        var body = await client.GetFromJsonAsync<JsonElement>("/api/accounts", Ct);

        var accounts = body.GetProperty("accounts").EnumerateArray().ToList();
        Assert.Equal(["Current", "Savings", "Zeta"], accounts.Select(a => a.GetProperty("name").GetString()));
        Assert.Equal(3, body.GetProperty("total").GetInt32());
        Assert.Equal(JsonValueKind.Null, accounts[0].GetProperty("balance").ValueKind);
        Assert.Equal(1234.56m, accounts[1].GetProperty("balance").GetProperty("amount").GetDecimal());
        Assert.Equal("GBP", accounts[1].GetProperty("balance").GetProperty("currency").GetString());
        Assert.Equal("active", accounts[1].GetProperty("status").GetString());
    }

    [Fact]
    [Trait("Requirement", "S13")]
    public async Task Endpoints_AnswerNotFound_ForAnotherUsersAccountExactlyAsForARandomId()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        var owner = await api.CreateUserAsync(cancellationToken: Ct);
        var connection = await TestData.AddConnectionAsync(api, owner);
        var account = await TestData.AddAccountAsync(api, connection);
        var stranger = await api.CreateUserAsync(cancellationToken: Ct);
        using var client = api.CreateClient(stranger);
        var randomId = Guid.NewGuid();

        using var foreignGet = await client.GetAsync($"/api/accounts/{account.Id}", Ct);
        using var randomGet = await client.GetAsync($"/api/accounts/{randomId}", Ct);
        using var foreignPatch = await client.PatchAsJsonAsync($"/api/accounts/{account.Id}", new { display_name = "Mine now" }, Ct);
        using var foreignFilter = await client.GetAsync($"/api/accounts?connection_id={connection.Id}", Ct);

        await ProblemAssert.IsProblemAsync(foreignGet, HttpStatusCode.NotFound, $"Account not found: {account.Id}");
        await ProblemAssert.IsProblemAsync(randomGet, HttpStatusCode.NotFound, $"Account not found: {randomId}");
        await ProblemAssert.IsProblemAsync(foreignPatch, HttpStatusCode.NotFound, $"Account not found: {account.Id}");
        await ProblemAssert.IsProblemAsync(foreignFilter, HttpStatusCode.NotFound, $"Connection not found: {connection.Id}");
        await using var db = api.CreateDbContext();
        Assert.Null((await db.Accounts.FindAsync([account.Id], Ct))!.DisplayName);
    }

    [Fact]
    public async Task Patch_SetsAndClearsDisplayName()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        var account = await TestData.AddAccountAsync(api, await TestData.AddConnectionAsync(api, user));
        using var client = api.CreateClient(user);

        using var set = await client.PatchAsJsonAsync($"/api/accounts/{account.Id}", new { display_name = "  Bills  " }, Ct);
        var renamed = await set.Content.ReadFromJsonAsync<JsonElement>(Ct);
        using var cleared = await client.PatchAsJsonAsync($"/api/accounts/{account.Id}", new { display_name = (string?)null }, Ct);
        using var tooLong = await client.PatchAsJsonAsync($"/api/accounts/{account.Id}", new { display_name = new string('x', 129) }, Ct);
        using var malformed = await client.GetAsync("/api/accounts/not-a-uuid", Ct);

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal("Bills", renamed.GetProperty("display_name").GetString());
        Assert.Equal(JsonValueKind.Null, (await cleared.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("display_name").ValueKind);
        await ProblemAssert.IsProblemAsync(tooLong, HttpStatusCode.UnprocessableEntity);
        await ProblemAssert.IsProblemAsync(malformed, HttpStatusCode.UnprocessableEntity);
    }
}
