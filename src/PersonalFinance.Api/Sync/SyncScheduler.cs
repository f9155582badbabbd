using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Data;
using PersonalFinance.Api.Jobs;

namespace PersonalFinance.Api.Sync;

/// Queues a sync of one connection and records it as a user-visible job.
internal sealed class SyncScheduler(AppDbContext db, TimeProvider timeProvider)
{
    public async Task<Job?> EnqueueConnectionSyncAsync(Guid connectionId, bool fullSync, CancellationToken cancellationToken)
    {
        var userId = await db.Connections.Where(c => c.Id == connectionId).Select(c => (Guid?)c.UserId).SingleOrDefaultAsync(cancellationToken);
        if (userId is null)
        {
            return null;
        }

        var job = new Job
        {
            Id = Guid.NewGuid(),
            UserId = userId.Value,
            JobType = "sync",
            Status = JobStatus.Pending,
            EntityType = "connection",
            EntityId = connectionId,
            CreatedAt = timeProvider.GetUtcNow().UtcDateTime,
        };
        db.Jobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        return job;
    }
}
