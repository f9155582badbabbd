using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PersonalFinance.Api.Auth;

namespace PersonalFinance.Bench.Host;

/// The bench host in a child process over a fresh SQLite file, seeded, with limits that do not bind and a built-in
/// sandbox with open quotas, plus what the driver needs to call it (tokens, seed).
internal sealed class LaunchedHost : IAsyncDisposable
{
    private readonly AccessTokenIssuer _issuer;

    private LaunchedHost(ChildProcess process, BenchSeed seed, string workDirectory, string databasePath, AccessTokenIssuer issuer)
    {
        Process = process;
        Seed = seed;
        WorkDirectory = workDirectory;
        DatabasePath = databasePath;
        _issuer = issuer;
    }

    public ChildProcess Process { get; }
    public BenchSeed Seed { get; }
    public string WorkDirectory { get; }
    public string DatabasePath { get; }
    public Uri BaseAddress => Process.BaseAddress;

    public static string BenchDll => typeof(LaunchedHost).Assembly.Location;

    public static async Task<LaunchedHost> StartAsync(string workRoot, int soakUsers, IDictionary<string, string>? extra, CancellationToken cancellationToken)
    {
        var work = Path.Combine(workRoot, $"host-{Guid.NewGuid():N}"[..13]);
        Directory.CreateDirectory(work);
        var databasePath = Path.Combine(work, "bench.db");
        var seedFile = Path.Combine(work, "seed.json");
        var signingKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        var port = ChildProcess.FreePort();
        var environment = HostEnvironment(port, signingKey, $"Data Source={databasePath}");
        environment["Bench__SeedFile"] = seedFile;
        environment["Bench__SoakUsers"] = soakUsers.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var process = ChildProcess.Start(BenchDll, ["host"], environment, work, Path.Combine(work, "host.log"), port);
        try
        {
            await process.WaitUntilReadyAsync("/health/ready", TimeSpan.FromMinutes(3), cancellationToken);
            while (!File.Exists(seedFile))
            {
                await Task.Delay(50, cancellationToken);
            }

            var seed = JsonSerializer.Deserialize<BenchSeed>(await File.ReadAllTextAsync(seedFile, cancellationToken), BenchJson.Options)!;
            var issuer = new AccessTokenIssuer(Options.Create(Jwt(signingKey)), TimeProvider.System);
            return new LaunchedHost(process, seed, work, databasePath, issuer);
        }
        catch
        {
            await process.DisposeAsync();
            Console.Error.WriteLine(await File.ReadAllTextAsync(Path.Combine(work, "host.log"), cancellationToken));
            throw;
        }
    }

    /// Configuration shared by the bench host and the app started for the start-up item.
    public static Dictionary<string, string> HostEnvironment(int port, string signingKey, string sqliteConnectionString) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Database__Provider"] = "Sqlite",
        ["ConnectionStrings__Sqlite"] = sqliteConnectionString,
        ["Jwt__SigningKey"] = signingKey,
        ["Jwt__AccessTokenLifetime"] = "04:00:00",
        ["Auth__RateLimitPermits"] = "100000000",
        ["Callback__RateLimit__Permits"] = "100000000",
        ["App__PublicUrl"] = $"http://127.0.0.1:{port}",
        ["GoCardlessSandbox__EnableControlEndpoints"] = "true",
        ["GoCardlessSandbox__PerScopeDailyLimit"] = "0",
        ["GoCardlessSandbox__GeneralLimits"] = "false",
        // Console logging at Information would measure the console, not the app.
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
    };

    private static JwtOptions Jwt(string signingKey) => new() { SigningKey = signingKey, AccessTokenLifetime = TimeSpan.FromHours(4) };

    public string IssueToken(Guid userId) => _issuer.Issue(userId);

    public async ValueTask DisposeAsync() => await Process.DisposeAsync();
}
