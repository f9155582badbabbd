using GoCardless.BankAccountData;
using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Data;

namespace PersonalFinance.Api.Connections;

/// Reads the status of requisitions still pending, so that a link the user finished without coming back through the
/// callback (tab closed) is completed exactly as the callback would: accounts stored, sync queued. The recent pass
/// (every 5 minutes) covers requisitions created or reauthorised in the last 24 h; the full pass (hourly) the rest.
internal sealed partial class PollRequisitionsJob(AppDbContext db, RequisitionCompletion completion, TimeProvider timeProvider, ILogger<PollRequisitionsJob> logger)
{
    private static readonly TimeSpan RecentWindow = TimeSpan.FromHours(24);

    public async Task<int> ExecuteAsync(bool recentOnly, CancellationToken cancellationToken)
    {
        var since = timeProvider.GetUtcNow().UtcDateTime - RecentWindow;
        var pending =
            from connection in db.Connections.AsNoTracking()
            join requisition in db.GcRequisitionLinks.AsNoTracking() on connection.ProviderId equals requisition.Id
            where connection.Status == ConnectionStatus.Pending && requisition.DeletedAt == null
            select new { RequisitionId = requisition.Id, Started = connection.UpdatedAt > connection.CreatedAt ? connection.UpdatedAt : connection.CreatedAt };
        var candidates = recentOnly
            ? await pending.Where(p => p.Started >= since).Select(p => p.RequisitionId).ToListAsync(cancellationToken)
            : await pending.Where(p => p.Started < since).Select(p => p.RequisitionId).ToListAsync(cancellationToken);

        var changed = 0;
        foreach (var requisitionId in candidates)
        {
            try
            {
                var result = await completion.CompleteAsync(requisitionId, cancellationToken);
                if (result.Changed)
                {
                    changed++;
                    Log.Completed(logger, requisitionId, result.ConnectionStatus);
                }
            }
            catch (GoCardlessApiException exception)
            {
                // One unreadable requisition does not stop the others; the next pass tries it again.
                Log.Unreadable(logger, exception.GetType().Name, (int?)exception.StatusCode);
                db.ChangeTracker.Clear();
            }
        }

        return changed;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3020, Level = LogLevel.Information, Message = "Poller moved requisition {RequisitionId} to {Status}")]
        public static partial void Completed(ILogger logger, string requisitionId, ConnectionStatus status);

        [LoggerMessage(EventId = 3021, Level = LogLevel.Warning, Message = "Poller could not read a requisition: {Failure} (HTTP {Status})")]
        public static partial void Unreadable(ILogger logger, string failure, int? status);
    }
}
