using System.Net.Http.Headers;
using System.Net.Http.Json;
using GoCardless.Sandbox;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using PersonalFinance.Api.Auth;
using PersonalFinance.Api.Data;

namespace PersonalFinance.Api.Tests.Infrastructure;

/// Settings for one test host.
internal sealed class TestApiOptions
{
    public string Environment { get; set; } = "Testing";
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// Start a GoCardless sandbox on its own loopback port and point the app's client at it (with its secrets).
    public bool UseSandbox { get; set; } = true;
    public Action<SandboxOptions>? ConfigureSandbox { get; set; }

    /// Run against another host's database (two instances of the app on one database); that host owns and drops it.
    public TestDatabase? SharedDatabase { get; set; }

    /// Use another host's sandbox (two instances of the app talking to one GoCardless).
    public SandboxControl? SharedSandbox { get; set; }

    /// Where the fake clock starts; tests that share a database with a real process start it at real time.
    public DateTimeOffset ClockStart { get; set; } = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
}

/// The real app on real Kestrel (loopback, free port) over a fresh real database, with a fake clock,
/// a known signing key and every log event captured.
internal sealed class TestApi : WebApplicationFactory<Program>
{
    public const string SigningKey = "test-signing-key-0123456789abcdef-0123456789abcdef";
    public const string AdminToken = "test-admin-token-0123456789";

    private readonly TestApiOptions _options;

    private TestApi(TestDatabase database, TestApiOptions options, SandboxControl? sandbox, int port)
    {
        _ownsDatabase = options.SharedDatabase is null;
        _ownsSandbox = options.SharedSandbox is null;
        Database = database;
        _options = options;
        _sandbox = sandbox;
        Port = port;
        Clock = new FakeTimeProvider(options.ClockStart);
    }

    private readonly SandboxControl? _sandbox;
    private readonly bool _ownsDatabase;
    private readonly bool _ownsSandbox;

    public int Port { get; }

    /// The sandbox standing in for GoCardless (started unless the test opted out).
    public SandboxControl Sandbox => _sandbox ?? throw new InvalidOperationException("This test host runs without a sandbox.");

    public TestDatabase Database { get; }
    public FakeTimeProvider Clock { get; }
    public CapturedLogs Logs { get; } = new();

    public static async Task<TestApi> StartAsync(Action<TestApiOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var options = new TestApiOptions();
        configure?.Invoke(options);
        var database = options.SharedDatabase ?? await TestDatabase.CreateAsync(cancellationToken);
        var sandbox = options.SharedSandbox ?? (options.UseSandbox
            ? new SandboxControl(await SandboxServer.StartAsync(options.ConfigureSandbox, cancellationToken: cancellationToken))
            : null);
        // The port is chosen up front so that the app knows its own public URL (callback and redirects).
        var port = FreePort();
        var api = new TestApi(database, options, sandbox, port);
        try
        {
            api.UseKestrel(port);
            api.StartServer();
        }
        catch
        {
            // A host that fails to start (the point of some tests) must not leave its database or sandbox behind.
            try
            {
                await api.DisposeAsync();
            }
            catch (ObjectDisposedException)
            {
                await database.DisposeAsync();
                if (sandbox is not null)
                {
                    await sandbox.DisposeAsync();
                }
            }

            throw;
        }

        return api;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_options.Environment);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Jwt:SigningKey"] = SigningKey,
            ["Auth:AdminToken"] = AdminToken,
            ["Auth:RateLimitPermits"] = "10000",
            ["Callback:RateLimit:Permits"] = "10000",
            ["App:PublicUrl"] = $"http://127.0.0.1:{Port}",
            // Tests call jobs directly; the few that need the job engine turn the worker on (Jobs:Role=all) and it polls fast.
            ["Jobs:Role"] = "web",
            ["Jobs:PollInterval"] = "00:00:00.200",
        };
        if (_sandbox is not null)
        {
            settings["GoCardless:SecretId"] = _sandbox.Server.SecretId;
            settings["GoCardless:SecretKey"] = _sandbox.Server.SecretKey;
            settings["GoCardless:BaseAddress"] = _sandbox.Server.ApiBaseAddress.ToString();
            // Short retry delays and timeouts keep fault tests quick; the policy shape is the production one.
            settings["GoCardless:RetryBaseDelay"] = "00:00:00.010";
            settings["GoCardless:RetryMaxDelay"] = "00:00:00.050";
            settings["GoCardless:AttemptTimeout"] = "00:00:05";
            settings["GoCardless:TotalTimeout"] = "00:00:20";
        }

        foreach (var (key, value) in Database.Settings)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in _options.Settings)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(Logs);
        });
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            // The GoCardless client runs on real time, like the sandbox it talks to; the app's own logic runs on the fake clock.
            services.AddKeyedSingleton(GoCardless.BankAccountData.GoCardlessServiceCollectionExtensions.TimeProviderKey, TimeProvider.System);
            _options.ConfigureServices?.Invoke(services);
        });
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.Timeout = TimeSpan.FromSeconds(60);
    }

    /// A client that follows no redirects and keeps no cookies, so tests see every header.
    public HttpClient CreateRawClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = ServerAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// The real loopback address Kestrel listens on.
    public Uri ServerAddress => new(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    public HttpClient CreateClient(TestUser user)
    {
        var client = CreateRawClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", IssueAccessToken(user.Id));
        return client;
    }

    public string IssueAccessToken(Guid userId) => Services.GetRequiredService<AccessTokenIssuer>().Issue(userId);

    public async Task<TestUser> CreateUserAsync(string? username = null, string password = "correct horse battery", CancellationToken cancellationToken = default)
    {
        username ??= $"user{Guid.NewGuid():N}"[..20];
        await using var scope = Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserAccounts>()
            .CreateAsync(username, password, "Test", "User", cancellationToken)
            ?? throw new InvalidOperationException($"User {username} exists.");
        return new TestUser(user.Id, user.Username, password);
    }

    public AppDbContext CreateDbContext() => Database.CreateContext();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase)
        {
            await Database.DisposeAsync();
        }

        if (_sandbox is not null && _ownsSandbox)
        {
            await _sandbox.DisposeAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

internal sealed record TestUser(Guid Id, string Username, string Password);

internal static class HttpClientTestExtensions
{
    public static Task<HttpResponseMessage> LoginAsync(this HttpClient client, string username, string password, CancellationToken cancellationToken) =>
        client.PostAsJsonAsync("/auth/login", new { username, password }, cancellationToken);
}
