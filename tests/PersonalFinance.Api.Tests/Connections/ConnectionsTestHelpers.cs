using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Tests.Infrastructure;

namespace PersonalFinance.Api.Tests.Connections;

internal sealed record CreatedConnection(Guid Id, string Link, string RequisitionId, string Reference);

internal static class ConnectionsTestHelpers
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<CreatedConnection> CreateAsync(TestApi api, HttpClient client, string institutionId = "SANDBOXFINANCE_SFIN0000", string name = "My bank")
    {
        using var response = await client.PostAsJsonAsync("/api/connections", new { institution_id = institutionId, friendly_name = name }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = body.GetProperty("id").GetGuid();
        await using var db = api.CreateDbContext();
        var connection = await db.Connections.SingleAsync(c => c.Id == id, Ct);
        var requisition = await db.GcRequisitionLinks.SingleAsync(r => r.Id == connection.ProviderId, Ct);
        return new CreatedConnection(id, body.GetProperty("link").GetString()!, requisition.Id, requisition.Reference);
    }

    /// Creates a connection and links it through the sandbox and the callback, as a user's browser would.
    public static async Task<CreatedConnection> CreateLinkedAsync(TestApi api, HttpClient client, string institutionId = "SANDBOXFINANCE_SFIN0000", string psu = "alice")
    {
        var created = await CreateAsync(api, client, institutionId);
        var callback = await api.Sandbox.CompleteAsync(created.RequisitionId, "linked", psu);
        using var response = await client.GetAsync(callback, Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/accounts?callback=success", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        return created;
    }

    public static async Task<JsonElement> GetConnectionAsync(HttpClient client, Guid id) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/connections/{id}", Ct);

    public static async Task<List<Guid>> AccountIdsAsync(HttpClient client, Guid connectionId) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/api/accounts?connection_id={connectionId}", Ct))
            .GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).Order()];
}
