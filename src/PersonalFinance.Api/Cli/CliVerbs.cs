using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalFinance.Api.Auth;
using PersonalFinance.Api.Data;

namespace PersonalFinance.Api.Cli;

/// Verbs run in the same binary with the same registrations as the web app, without the HTTP pipeline.
internal static class CliVerbs
{
    private sealed record Verb(Func<IServiceProvider, string[], TextWriter, CancellationToken, Task<int>> RunAsync, bool UsesGoCardless = false);

    private static readonly Dictionary<string, Verb> Verbs = new(StringComparer.Ordinal)
    {
        ["migrate"] = new(MigrateAsync),
        ["create-user"] = new(CreateUserVerb.RunAsync),
        ["set-password"] = new(CreateUserVerb.SetPasswordAsync),
        ["seed-dev-user"] = new(SeedDevUserVerb.RunAsync, UsesGoCardless: true),
        ["seed-gocardless"] = new(SeedGoCardlessVerb.RunAsync, UsesGoCardless: true),
        ["sync"] = new(SyncVerb.RunAsync, UsesGoCardless: true),
        ["refresh-institutions"] = new(SyncVerb.RefreshInstitutionsAsync, UsesGoCardless: true),
    };

    public static IReadOnlyCollection<string> Names => Verbs.Keys;

    public static bool TryGetVerb(string[] args, out string verb)
    {
        verb = args.Length > 0 ? args[0] : string.Empty;
        return Verbs.ContainsKey(verb);
    }

    public static async Task<int> RunAsync(string verb, string[] verbArgs, Action<WebApplicationBuilder>? configure = null, TextWriter? output = null)
    {
        output ??= Console.Out;
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        try
        {
            var builder = AppHost.CreateConfiguredBuilder([.. verbArgs.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal))]);
            configure?.Invoke(builder);
            var definition = Verbs[verb];
            await using var sandbox = definition.UsesGoCardless ? await GoCardlessCliSandbox.StartIfBuiltInAsync(builder, output, cancellation.Token) : null;
            if (sandbox is not null)
            {
                builder.Services.AddSingleton(sandbox);
            }

            AppHost.AddAppServices(builder);

            await using var app = builder.Build();
            await using var scope = app.Services.CreateAsyncScope();
            return await definition.RunAsync(scope.ServiceProvider, verbArgs, output, cancellation.Token);
        }
        catch (OptionsValidationException exception)
        {
            await Console.Error.WriteLineAsync($"Configuration error: {string.Join(" ", exception.Failures)}");
            return 1;
        }
    }

    private static async Task<int> MigrateAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await output.WriteLineAsync($"Database: {db.Provider}. Pending migrations: {(pending.Count == 0 ? "none" : string.Join(", ", pending))}.");
        foreach (var migration in pending)
        {
            await output.WriteLineAsync($"Applying {migration}…");
        }

        await db.Database.MigrateAsync(cancellationToken);
        await output.WriteLineAsync("The database schema is up to date.");
        return 0;
    }

    /// Reads --name value or --name=value.
    internal static string? Option(string[] args, string name)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == $"--{name}" && i + 1 < args.Length)
            {
                return args[i + 1];
            }

            if (args[i].StartsWith($"--{name}=", StringComparison.Ordinal))
            {
                return args[i][(name.Length + 3)..];
            }
        }

        return null;
    }

    internal static UserAccounts Users(IServiceProvider services) => services.GetRequiredService<UserAccounts>();
}
