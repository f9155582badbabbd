using System.Net.Http.Headers;
using System.Net.Http.Json;
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
}

/// The real app on real Kestrel (loopback, free port) over a fresh real database, with a fake clock,
/// a known signing key and every log event captured.
internal sealed class TestApi : WebApplicationFactory<Program>
{
    public const string SigningKey = "test-signing-key-0123456789abcdef-0123456789abcdef";
    public const string AdminToken = "test-admin-token-0123456789";

    private readonly TestApiOptions _options;

    private TestApi(TestDatabase database, TestApiOptions options)
    {
        Database = database;
        _options = options;
    }

    public TestDatabase Database { get; }
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    public CapturedLogs Logs { get; } = new();

    public static async Task<TestApi> StartAsync(Action<TestApiOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var options = new TestApiOptions();
        configure?.Invoke(options);
        var database = await TestDatabase.CreateAsync(cancellationToken);
        var api = new TestApi(database, options);
        try
        {
            api.UseKestrel(0);
            api.StartServer();
        }
        catch
        {
            // A host that fails to start (the point of some tests) must not leave its database behind.
            try
            {
                await api.DisposeAsync();
            }
            catch (ObjectDisposedException)
            {
                await database.DisposeAsync();
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
            ["App:PublicUrl"] = "http://localhost:8000",
        };
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
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = ServerAddress });

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
        await Database.DisposeAsync();
    }
}

internal sealed record TestUser(Guid Id, string Username, string Password);

internal static class HttpClientTestExtensions
{
    public static Task<HttpResponseMessage> LoginAsync(this HttpClient client, string username, string password, CancellationToken cancellationToken) =>
        client.PostAsJsonAsync("/auth/login", new { username, password }, cancellationToken);
}
