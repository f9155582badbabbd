using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalFinance.Api.Connections;
using PersonalFinance.Api.Data;
using PersonalFinance.Api.Jobs;

namespace PersonalFinance.Api.Sync;

/// Queues a scheduled sync of every active connection that has an account due and with allowance left, unless a sync
/// of it is already queued or running.
internal sealed partial class SyncAllJob(
    AppDbContext db,
    AccountBudget budget,
    JobRecords records,
    SyncScheduler scheduler,
    IOptions<SyncOptions> options,
    TimeProvider timeProvider,
    ILogger<SyncAllJob> logger)
{
    public async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var connections = await db.Connections.AsNoTracking()
            .Where(c => c.Status == ConnectionStatus.Active)
            .Select(c => new { c.Id, c.ProviderId })
            .ToListAsync(cancellationToken);
        var queued = 0;
        foreach (var connection in connections)
        {
            if (await records.FindActiveAsync(connection.Id, cancellationToken) is not null)
            {
                continue;
            }

            var accountIds = await db.Accounts.AsNoTracking().Where(a => a.ConnectionId == connection.Id).Select(a => a.ProviderId).ToListAsync(cancellationToken);
            var raws = await db.GcBankAccounts.AsNoTracking().Where(g => accountIds.Contains(g.Id)).ToListAsync(cancellationToken);
            var due = false;
            foreach (var raw in raws)
            {
                if (raw.ConsecutiveFailures >= options.Value.StopAfterConsecutiveFailures || raw.NextSyncAfter > now)
                {
                    continue;
                }

                if (await budget.NextAvailableAtAsync(raw.Id, AccountBudget.Transactions, SyncTrigger.Scheduled, cancellationToken) is null
                    || await budget.NextAvailableAtAsync(raw.Id, AccountBudget.Balances, SyncTrigger.Scheduled, cancellationToken) is null)
                {
                    due = true;
                    break;
                }
            }

            if (due || raws.Count == 0)
            {
                await scheduler.EnqueueConnectionSyncAsync(connection.Id, fullSync: false, cancellationToken);
                queued++;
            }
        }

        Log.Queued(logger, queued, connections.Count);
        return queued;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4020, Level = LogLevel.Information, Message = "Scheduled sync queued for {Queued} of {Active} active connections")]
        public static partial void Queued(ILogger logger, int queued, int active);
    }
}
