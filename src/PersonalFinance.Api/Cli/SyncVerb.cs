using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Connections;
using PersonalFinance.Api.Data;
using PersonalFinance.Api.Institutions;
using PersonalFinance.Api.Sync;

namespace PersonalFinance.Api.Cli;

/// sync --connection &lt;id&gt; [--full] | sync --all [--full]: runs the sync in the foreground as a manual sync, printing
/// one line per account. refresh-institutions: reloads the bank catalogue.
internal static class SyncVerb
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var all = args.Contains("--all");
        var full = args.Contains("--full") || args.Contains("--full-sync");
        var connectionText = CliVerbs.Option(args, "connection");
        List<Guid> connections;
        if (all)
        {
            connections = await services.GetRequiredService<AppDbContext>().Connections.AsNoTracking()
                .Where(c => c.Status == ConnectionStatus.Active).OrderBy(c => c.CreatedAt).Select(c => c.Id).ToListAsync(cancellationToken);
        }
        else if (Guid.TryParse(connectionText, out var connectionId))
        {
            connections = [connectionId];
        }
        else
        {
            await output.WriteLineAsync("Usage: sync --connection <id> [--full] | sync --all [--full]");
            return 2;
        }

        var failures = 0;
        foreach (var id in connections)
        {
            await using var scope = services.CreateAsyncScope();
            var progress = scope.ServiceProvider.GetRequiredService<SyncProgress>();
            progress.Report = line => output.WriteLine($"  {line}");
            await output.WriteLineAsync($"Syncing connection {id}…");
            var result = await scope.ServiceProvider.GetRequiredService<SyncConnectionJob>().ExecuteAsync(id, full, null, SyncTrigger.Manual, cancellationToken);
            var status = result.Ran ? result.Status.ToString()!.ToLowerInvariant() : "not run";
            await output.WriteLineAsync($"Connection {id}: {status}{(result.Message is null ? "" : " — " + result.Message)}");
            if (!result.Ran || result.Status == Jobs.JobStatus.Failed)
            {
                failures++;
            }
        }

        if (connections.Count == 0)
        {
            await output.WriteLineAsync("No active connection to sync.");
        }

        return failures == 0 ? 0 : 1;
    }

    public static async Task<int> RefreshInstitutionsAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var count = await services.GetRequiredService<RefreshInstitutionsJob>().ExecuteAsync(cancellationToken);
        await output.WriteLineAsync($"Institution catalogue refreshed: {count} institutions.");
        return 0;
    }
}
