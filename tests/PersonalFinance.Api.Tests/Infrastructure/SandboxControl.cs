using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GoCardless.Sandbox;

namespace PersonalFinance.Api.Tests.Infrastructure;

/// The sandbox a test host talks to, over real HTTP, and its control endpoints.
internal sealed class SandboxControl(SandboxServer server) : IAsyncDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = server.BaseAddress };

    public SandboxServer Server => server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async Task AdvanceClockAsync(TimeSpan by) =>
        (await _http.PostAsJsonAsync("_sandbox/clock", new { advance_seconds = (long)by.TotalSeconds }, Ct)).EnsureSuccessStatusCode();

    public async Task SetClockAsync(DateTimeOffset now) =>
        (await _http.PostAsJsonAsync("_sandbox/clock", new { now = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture) }, Ct)).EnsureSuccessStatusCode();

    /// Forces the next responses of a route, e.g. ("POST requisitions/", "internal_error", 1).
    public async Task AddFaultAsync(string route, string kind, int count = 1, object? extra = null)
    {
        var body = new JsonObject { ["route"] = route, ["kind"] = kind, ["count"] = count };
        if (extra is not null)
        {
            foreach (var (key, value) in JsonSerializer.SerializeToNode(extra)!.AsObject())
            {
                body[key] = value?.DeepClone();
            }
        }

        (await _http.PostAsJsonAsync("_sandbox/faults", body, Ct)).EnsureSuccessStatusCode();
    }

    public async Task ClearFaultsAsync() => (await _http.DeleteAsync("_sandbox/faults", Ct)).EnsureSuccessStatusCode();

    /// Every API call the sandbox received, as "METHOD path" (e.g. "GET requisitions/{id}/").
    public async Task<IReadOnlyList<string>> CallsAsync() =>
        [.. (await _http.GetFromJsonAsync<JsonElement>("_sandbox/calls", Ct)).GetProperty("calls").EnumerateArray()
            .Select(c => $"{c.GetProperty("method").GetString()} {c.GetProperty("path").GetString()}")];

    /// The same calls with the sandbox time each was answered at (the sandbox clock runs in real time from the offset a test set).
    public async Task<IReadOnlyList<SandboxCallRecord>> CallLogAsync() =>
        [.. (await _http.GetFromJsonAsync<JsonElement>("_sandbox/calls", Ct)).GetProperty("calls").EnumerateArray()
            .Select(c => new SandboxCallRecord(
                DateTimeOffset.Parse(c.GetProperty("at").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                $"{c.GetProperty("method").GetString()} {c.GetProperty("path").GetString()}",
                c.GetProperty("status").GetInt32()))];

    public async Task<JsonElement> StateAsync() => await _http.GetFromJsonAsync<JsonElement>("_sandbox/state", Ct);

    public async Task<IReadOnlyList<JsonElement>> RequisitionsAsync() =>
        [.. (await StateAsync()).GetProperty("requisitions").EnumerateArray()];

    public async Task<JsonElement?> RequisitionAsync(string id) =>
        (await RequisitionsAsync()).Cast<JsonElement?>().FirstOrDefault(r => r!.Value.GetProperty("id").GetString() == id);

    /// Walks a requisition's consent flow without HTML; returns the redirect URL the browser would be sent to.
    public async Task<Uri> CompleteAsync(string requisitionId, string outcome = "linked", string? psu = null)
    {
        using var response = await _http.PostAsJsonAsync($"_sandbox/requisitions/{requisitionId}/complete", new { outcome, psu }, Ct);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return new Uri(body.GetProperty("redirect_url").GetString()!);
    }

    public async Task SetAccountStatusAsync(string accountId, string status) =>
        (await _http.PutAsJsonAsync($"_sandbox/accounts/{accountId}/status", new { status }, Ct)).EnsureSuccessStatusCode();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await server.DisposeAsync();
    }
}

internal sealed record SandboxCallRecord(DateTimeOffset At, string Call, int Status);
