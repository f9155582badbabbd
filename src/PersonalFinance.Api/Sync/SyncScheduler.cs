using Hangfire;
using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Data;
using PersonalFinance.Api.Jobs;

namespace PersonalFinance.Api.Sync;

/// Queues syncs of a connection on the job engine. A queued sync a user can see gets its `jobs` row (pending) first.
internal sealed class SyncScheduler(AppDbContext db, JobRecords records, IBackgroundJobClient engine, TimeProvider timeProvider)
{
    public async Task<Job?> EnqueueConnectionSyncAsync(Guid connectionId, bool fullSync, CancellationToken cancellationToken, SyncTrigger trigger = SyncTrigger.Scheduled)
    {
        var userId = await db.Connections.Where(c => c.Id == connectionId).Select(c => (Guid?)c.UserId).SingleOrDefaultAsync(cancellationToken);
        if (userId is null)
        {
            return null;
        }

        var job = await records.CreateAsync(userId.Value, connectionId, JobStatus.Pending, cancellationToken);
        var engineId = engine.Enqueue<SyncConnectionJob>(sync => sync.ExecuteAsync(connectionId, fullSync, job.Id, trigger, CancellationToken.None));
        await records.SetEngineIdAsync(job.Id, engineId, cancellationToken);
        job.EngineJobId = engineId;
        return job;
    }

    /// Queues a pending record again (its engine entry was lost with an in-memory queue).
    public void EnqueueExisting(Job job) =>
        engine.Enqueue<SyncConnectionJob>(sync => sync.ExecuteAsync(job.EntityId, false, job.Id, SyncTrigger.Scheduled, CancellationToken.None));

    /// Plans a scheduled sync of the connection at an instant (e.g. just after an account's daily limit resets). Its job
    /// record is written when it starts.
    public string ScheduleConnectionSync(Guid connectionId, DateTime at)
    {
        var delay = at - timeProvider.GetUtcNow().UtcDateTime;
        return engine.Schedule<SyncConnectionJob>(
            sync => sync.ExecuteAsync(connectionId, false, null, SyncTrigger.Scheduled, CancellationToken.None),
            delay < TimeSpan.Zero ? TimeSpan.Zero : delay);
    }
}
