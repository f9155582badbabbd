using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GoCardless.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GoCardless.BankAccountData.Tests.Client.Integration;

/// <summary>
/// The client registered as the app registers it, talking real HTTP to a standalone sandbox. Both share one fake clock, so moving it
/// expires tokens on both sides, and the client's attempt timeouts and retry waits only pass when a test advances it. An innermost
/// handler records every attempt that reaches the wire.
/// </summary>
internal sealed class SandboxHarness : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _attempts = new();

    private SandboxHarness(SandboxServer sandbox, FakeTimeProvider clock)
    {
        Sandbox = sandbox;
        Clock = clock;
        Control = new HttpClient { BaseAddress = sandbox.BaseAddress };
    }

    public SandboxServer Sandbox { get; }

    public FakeTimeProvider Clock { get; }

    public HttpClient Control { get; }

    public ServiceProvider Services { get; private set; } = null!;

    public GoCardlessClient Client => Services.GetRequiredService<GoCardlessClient>();

    public IReadOnlyList<string> Attempts => [.. _attempts];

    public int AttemptCount(string route) => _attempts.Count(a => a == route);

    public static async Task<SandboxHarness> StartAsync(
        CancellationToken cancellationToken, Action<SandboxOptions>? sandbox = null, Action<GoCardlessOptions>? client = null)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var server = await SandboxServer.StartAsync(sandbox, clock, cancellationToken);
        var harness = new SandboxHarness(server, clock);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddGoCardlessBankAccountData(options =>
            {
                options.SecretId = server.SecretId;
                options.SecretKey = server.SecretKey;
                options.BaseAddress = server.ApiBaseAddress;
                options.AttemptTimeout = TimeSpan.FromSeconds(10);
                options.TotalTimeout = TimeSpan.FromSeconds(60);
                options.MaxRetryAttempts = 2;
                options.RetryBaseDelay = TimeSpan.Zero;
                options.RetryMaxDelay = TimeSpan.Zero;
                client?.Invoke(options);
            })
            .AddHttpMessageHandler(() => new AttemptRecorder(harness._attempts, server.ApiBaseAddress));
        harness.Services = services.BuildServiceProvider(validateScopes: true);
        return harness;
    }

    public async Task AdvanceSandboxOnlyAsync(TimeSpan by, CancellationToken cancellationToken)
    {
        using var response = await Control.PostAsJsonAsync("_sandbox/clock", new { advance_seconds = by.TotalSeconds }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task AddFaultAsync(object fault, CancellationToken cancellationToken)
    {
        using var response = await Control.PostAsJsonAsync("_sandbox/faults", fault, cancellationToken);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public async Task<JsonArray> FaultsAsync(CancellationToken cancellationToken) =>
        (JsonNode.Parse(await Control.GetStringAsync("_sandbox/faults", cancellationToken)) as JsonArray) ?? [];

    public async Task<JsonDocument> StateAsync(CancellationToken cancellationToken) =>
        JsonDocument.Parse(await Control.GetStringAsync("_sandbox/state", cancellationToken));

    /// <summary>Completes the consent flow without a browser; returns the redirect URL.</summary>
    public async Task<string> LinkAsync(string requisitionId, CancellationToken cancellationToken)
    {
        using var response = await Control.PostAsJsonAsync($"_sandbox/requisitions/{requisitionId}/complete", new { outcome = "linked" }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!["redirect_url"]!.GetValue<string>();
    }

    /// <summary>A linked requisition on the sandbox bank; returns its account ids.</summary>
    public async Task<IReadOnlyList<string>> LinkedAccountsAsync(CancellationToken cancellationToken)
    {
        var requisition = await Client.CreateRequisitionAsync(
            new CreateRequisitionRequest
            {
                Redirect = new Uri("https://app.example.com/callback"),
                InstitutionId = "SANDBOXFINANCE_SFIN0000",
                Reference = Guid.NewGuid().ToString(),
            },
            cancellationToken);
        await LinkAsync(requisition.Value.Id, cancellationToken);
        return (await Client.GetRequisitionAsync(requisition.Value.Id, cancellationToken)).Value.Accounts;
    }

    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        if (Services is not null)
        {
            await Services.DisposeAsync();
        }

        await Sandbox.DisposeAsync();
    }

    /// <summary>Records "METHOD path" (path relative to the API root, query dropped) of each attempt sent on the wire.</summary>
    private sealed class AttemptRecorder(ConcurrentQueue<string> attempts, Uri apiBase) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath[apiBase.AbsolutePath.Length..];
            var segments = path.Split('/');
            // Ids are replaced by '*' so tests can count attempts per route.
            var route = string.Join('/', segments.Select(s => Guid.TryParse(s, out _) ? "*" : s));
            attempts.Enqueue($"{request.Method.Method} {route}");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
