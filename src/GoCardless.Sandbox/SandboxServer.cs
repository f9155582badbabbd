using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GoCardless.Sandbox;

/// <summary>A standalone sandbox on <c>127.0.0.1</c> and a free port, for tests of the client library.</summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SandboxServer(WebApplication app, Uri baseAddress, SandboxOptions options)
    {
        _app = app;
        BaseAddress = baseAddress;
        ApiBaseAddress = new Uri(baseAddress, "api/v2/");
        SecretId = options.SecretId;
        SecretKey = options.SecretKey;
    }

    /// <summary>The server root with its trailing slash, e.g. <c>http://127.0.0.1:5123/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary><see cref="BaseAddress"/> + <c>api/v2/</c>: the base address for a GoCardless client.</summary>
    public Uri ApiBaseAddress { get; }

    /// <summary>The <c>secret_id</c> that this server accepts.</summary>
    public string SecretId { get; }

    /// <summary>The <c>secret_key</c> that this server accepts.</summary>
    public string SecretKey { get; }

    /// <summary>The server's services (the sandbox state and clock live here).</summary>
    internal IServiceProvider Services => _app.Services;

    /// <summary>Starts Kestrel on <c>127.0.0.1:0</c> with the sandbox mapped at the root.</summary>
    /// <param name="configure">Changes to the default <see cref="SandboxOptions"/>.</param>
    /// <param name="clock">The inner clock (e.g. a FakeTimeProvider); the system clock when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<SandboxServer> StartAsync(Action<SandboxOptions>? configure = null, TimeProvider? clock = null,
        CancellationToken cancellationToken = default)
    {
        var options = new SandboxOptions();
        configure?.Invoke(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = typeof(SandboxServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddGoCardlessSandbox(o => Copy(options, o), clock);
        var app = builder.Build();
        app.MapGoCardlessSandbox();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SandboxServer(app, new Uri(address.TrimEnd('/') + "/"), options);
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static void Copy(SandboxOptions from, SandboxOptions to)
    {
        to.SecretId = from.SecretId;
        to.SecretKey = from.SecretKey;
        to.AcceptAnySecrets = from.AcceptAnySecrets;
        to.AccessTokenLifetime = from.AccessTokenLifetime;
        to.RefreshTokenLifetime = from.RefreshTokenLifetime;
        to.Seed = from.Seed;
        to.ProcessingDelay = from.ProcessingDelay;
        to.PerScopeDailyLimit = from.PerScopeDailyLimit;
        to.GeneralLimits = from.GeneralLimits;
        to.InternalIdScope = from.InternalIdScope;
        to.EnableControlEndpoints = from.EnableControlEndpoints;
        to.PublicBaseUrl = from.PublicBaseUrl;
        to.SnapshotPath = from.SnapshotPath;
    }
}
