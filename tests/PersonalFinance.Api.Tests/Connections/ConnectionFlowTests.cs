using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Tests.Infrastructure;

namespace PersonalFinance.Api.Tests.Connections;

public sealed class ConnectionFlowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Callback_ActivatesConnectionAndStoresAccounts_WhenTheBankLinked()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        using var client = api.CreateClient(user);

        using var created = await client.PostAsJsonAsync("/api/connections", new { institution_id = "SANDBOXFINANCE_SFIN0000", friendly_name = " My Sandbox " }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var connectionId = body.GetProperty("id").GetGuid();
        Assert.Equal($"/api/connections/{connectionId}", created.Headers.Location?.OriginalString);
        Assert.Contains("/ob-psd2/start/", body.GetProperty("link").GetString(), StringComparison.Ordinal);

        string requisitionId;
        await using (var db = api.CreateDbContext())
        {
            requisitionId = (await db.Connections.SingleAsync(c => c.Id == connectionId, Ct)).ProviderId;
        }

        var redirect = await api.Sandbox.CompleteAsync(requisitionId);
        using var callback = await client.GetAsync(redirect, Ct);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal($"http://127.0.0.1:{api.Port}/accounts?callback=success", callback.Headers.Location?.ToString());
        var connection = await client.GetFromJsonAsync<JsonElement>($"/api/connections/{connectionId}", Ct);
        Assert.Equal("active", connection.GetProperty("status").GetString());
        Assert.Equal("My Sandbox", connection.GetProperty("friendly_name").GetString());
        Assert.Equal(2, connection.GetProperty("account_count").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, connection.GetProperty("expires_at").ValueKind);
        var accounts = await client.GetFromJsonAsync<JsonElement>($"/api/accounts?connection_id={connectionId}", Ct);
        Assert.Equal(2, accounts.GetProperty("total").GetInt32());
        Assert.All(accounts.GetProperty("accounts").EnumerateArray(), a => Assert.StartsWith("GL", a.GetProperty("iban").GetString(), StringComparison.Ordinal));
    }
}
