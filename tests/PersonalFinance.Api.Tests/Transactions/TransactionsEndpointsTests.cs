using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PersonalFinance.Api.Tests.Infrastructure;
using PersonalFinance.Api.Transactions;

namespace PersonalFinance.Api.Tests.Transactions;

public sealed class TransactionsEndpointsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(TestApi Api, TestUser User, Guid AccountId)> SeedAsync()
    {
        var api = await TestApi.StartAsync(cancellationToken: Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        var connection = await TestData.AddConnectionAsync(api, user);
        var account = await TestData.AddAccountAsync(api, connection);
        await TestData.AddTransactionsAsync(api, account,
            ("2026-10-01", -15.00m, "Coffee Shop latte", TransactionStatus.Booked),
            ("2026-10-02", 2500.123456m, "Employer salary", TransactionStatus.Booked),
            ("2026-10-03", -0.01m, "Bank fee", TransactionStatus.Booked),
            ("2026-10-04", -1234.56m, "Landlord rent", TransactionStatus.Booked),
            ("2026-10-05", -9.99m, "Reserved Burger place", TransactionStatus.Pending));
        return (api, user, account.Id);
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string query) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/transactions{query}", Ct);

    private static decimal[] Amounts(JsonElement body) =>
        [.. body.GetProperty("transactions").EnumerateArray().Select(t => t.GetProperty("amount").GetDecimal())];

    [Fact]
    public async Task List_FiltersAndOrdersByAmountExactly_OnTheLanesDatabase()
    {
        var (api, user, _) = await SeedAsync();
        await using var _api = api;
        using var client = api.CreateClient(user);

        var all = await GetAsync(client, "");
        var ranged = await GetAsync(client, "?min_amount=-15&max_amount=-0.01");
        var precise = await GetAsync(client, "?min_amount=2500.123456");
        var justAbove = await GetAsync(client, "?min_amount=2500.123457");

        // Pending first, then newest booking date first.
        Assert.Equal([-9.99m, -1234.56m, -0.01m, 2500.123456m, -15m], Amounts(all));
        Assert.Equal(5, all.GetProperty("total").GetInt32());
        Assert.Equal([-9.99m, -0.01m, -15m], Amounts(ranged));
        Assert.Equal([2500.123456m], Amounts(precise));
        Assert.Empty(Amounts(justAbove));
    }

    [Fact]
    public async Task List_FiltersByDateTextAndStatus_AndPages()
    {
        var (api, user, accountId) = await SeedAsync();
        await using var _api = api;
        using var client = api.CreateClient(user);

        var dated = await GetAsync(client, "?start_date=2026-10-02&end_date=2026-10-03");
        var searched = await GetAsync(client, "?search=SALARY");
        var pending = await GetAsync(client, "?status=pending");
        var page2 = await GetAsync(client, $"?account_id={accountId}&page=2&page_size=2");

        Assert.Equal([-0.01m, 2500.123456m], Amounts(dated));
        Assert.Equal([2500.123456m], Amounts(searched));
        Assert.Equal("pending", Assert.Single(pending.GetProperty("transactions").EnumerateArray()).GetProperty("status").GetString());
        Assert.Equal([-0.01m, 2500.123456m], Amounts(page2));
        Assert.Equal(5, page2.GetProperty("total").GetInt32());
        Assert.Equal(2, page2.GetProperty("page").GetInt32());
        Assert.Equal(2, page2.GetProperty("page_size").GetInt32());
    }

    [Fact]
    [Trait("Requirement", "S14")]
    public async Task List_ReturnsEmpty_ForAnotherUsersAccount()
    {
        var (api, _, accountId) = await SeedAsync();
        await using var _api = api;
        var stranger = await api.CreateUserAsync(cancellationToken: Ct);
        using var client = api.CreateClient(stranger);

        var all = await GetAsync(client, "");
        var foreign = await GetAsync(client, $"?account_id={accountId}");
        var random = await GetAsync(client, $"?account_id={Guid.NewGuid()}");

        Assert.Equal(0, all.GetProperty("total").GetInt32());
        Assert.Equal(foreign.ToString(), random.ToString());
        Assert.Equal(0, foreign.GetProperty("total").GetInt32());
    }

    [Theory]
    [Trait("Requirement", "S29")]
    [InlineData("?page_size=101", "page_size")]
    [InlineData("?page_size=0", "page_size")]
    [InlineData("?page=0", "page")]
    [InlineData("?start_date=2020-01-01&end_date=2026-01-01", "end_date")]
    [InlineData("?min_amount=0.0000001", "min_amount")]
    [InlineData("?status=cleared", "status")]
    [InlineData("?account_id=not-a-uuid", "request")]
    public async Task List_ReturnsValidationProblem_WhenQueryIsInvalid(string query, string field)
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        using var client = api.CreateClient(user);

        using var response = await client.GetAsync($"/api/transactions{query}", Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.Body.GetProperty("errors").TryGetProperty(field, out _), problem.Body.ToString());
    }
}
