namespace PersonalFinance.Api.Tests.Infrastructure;

/// Builds the app the way Program does, with the given environment and settings, and returns why it failed to start.
/// (WebApplicationFactory hides a start-up failure behind an ObjectDisposedException.)
internal static class StartupProbe
{
    public static async Task<Exception> StartExpectingFailureAsync(string environment, IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        await using var database = await TestDatabase.CreateAsync(cancellationToken);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["environment"] = environment,
            ["urls"] = "http://127.0.0.1:0",
            ["Jwt:SigningKey"] = TestApi.SigningKey,
            ["App:PublicUrl"] = "http://localhost:8000",
        };
        foreach (var (key, value) in database.Settings.Concat(settings))
        {
            values[key] = value;
        }

        var builder = AppHost.CreateBuilder([.. values.Select(kv => $"--{kv.Key}={kv.Value}")]);
        builder.Logging.ClearProviders();
        await using var app = AppHost.BuildWebApp(builder);
        var exception = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync(cancellationToken));
        return exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : exception;
    }
}
