using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GoCardless.Sandbox;
using Microsoft.Extensions.Time.Testing;

namespace GoCardless.BankAccountData.Tests.Sandbox;

/// <summary>One response, read fully: status, raw body and headers.</summary>
internal sealed record Reply(HttpStatusCode Status, string Body, HttpResponseHeaders Headers, string? ContentType)
{
    public JsonNode Json => JsonNode.Parse(Body)!;

    public string? Header(string name) => Headers.TryGetValues(name, out var values) ? values.First() : null;

    public string? Location => Headers.Location?.ToString();
}

/// <summary>
/// A sandbox on a free port with a fake inner clock, and a plain <see cref="HttpClient"/> that never follows redirects: the
/// sandbox tests read the wire, never the client library.
/// </summary>
internal sealed class SandboxHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private string? _access;

    private SandboxHarness(SandboxServer server, FakeTimeProvider time)
    {
        Server = server;
        Time = time;
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
    }

    public SandboxServer Server { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Http { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<SandboxHarness> StartAsync(Action<SandboxOptions>? configure = null)
    {
        var time = new FakeTimeProvider(Start);
        var server = await SandboxServer.StartAsync(configure, time, Ct);
        return new SandboxHarness(server, time);
    }

    public async Task<JsonObject> NewTokenAsync()
    {
        var reply = await SendAsync(HttpMethod.Post, "api/v2/token/new/",
            new { secret_id = Server.SecretId, secret_key = Server.SecretKey }, auth: false);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return reply.Json.AsObject();
    }

    public async Task<string> AccessAsync() => _access ??= (string)(await NewTokenAsync())["access"]!;

    public void ForgetToken() => _access = null;

    public async Task<Reply> SendAsync(HttpMethod method, string path, object? body = null, bool auth = true, string? token = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (auth)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? await AccessAsync());
        }

        if (body is not null)
        {
            var json = body as string ?? JsonSerializer.Serialize(body);
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await Http.SendAsync(request, Ct);
        return await ReadAsync(response);
    }

    public Task<Reply> GetAsync(string path, bool auth = true) => SendAsync(HttpMethod.Get, path, auth: auth);

    public async Task<Reply> PostFormAsync(string url, params (string Key, string Value)[] fields)
    {
        using var content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
        using var response = await Http.PostAsync(url, content, Ct);
        return await ReadAsync(response);
    }

    public async Task<Reply> ControlAsync(HttpMethod method, string path, object? body = null) =>
        await SendAsync(method, "_sandbox/" + path, body, auth: false);

    public async Task AddFaultAsync(object fault)
    {
        var reply = await ControlAsync(HttpMethod.Post, "faults", fault);
        Assert.Equal(HttpStatusCode.Created, reply.Status);
    }

    public async Task<JsonObject> CreateRequisitionAsync(string institution, object? extra = null)
    {
        var body = new JsonObject { ["redirect"] = "https://app.example/callback", ["institution_id"] = institution };
        if (extra is not null)
        {
            foreach (var (key, value) in JsonSerializer.SerializeToNode(extra)!.AsObject())
            {
                body[key] = value?.DeepClone();
            }
        }

        var reply = await SendAsync(HttpMethod.Post, "api/v2/requisitions/", body.ToJsonString());
        Assert.Equal(HttpStatusCode.Created, reply.Status);
        return reply.Json.AsObject();
    }

    /// <summary>Creates a requisition and links it through the control endpoint; returns the requisition id and its accounts.</summary>
    public async Task<(string RequisitionId, string[] Accounts)> LinkAsync(string institution, string psu = "user", object? extra = null)
    {
        var requisition = await CreateRequisitionAsync(institution, extra);
        var id = (string)requisition["id"]!;
        var complete = await ControlAsync(HttpMethod.Post, $"requisitions/{id}/complete", new { outcome = "linked", psu });
        Assert.Equal(HttpStatusCode.OK, complete.Status);
        var linked = await GetAsync($"api/v2/requisitions/{id}/");
        Assert.Equal("LN", (string)linked.Json["status"]!);
        return (id, [.. linked.Json["accounts"]!.AsArray().Select(a => (string)a!)]);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    private static async Task<Reply> ReadAsync(HttpResponseMessage response) =>
        new(response.StatusCode, await response.Content.ReadAsStringAsync(Ct), response.Headers, response.Content.Headers.ContentType?.MediaType);
}
