using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Data;

namespace PersonalFinance.Api.Jobs;

/// The user-visible job rows: pending → running → completed | failed, with a message written for a person.
internal sealed class JobRecords(AppDbContext db, TimeProvider timeProvider)
{
    public const string SyncType = "sync";
    public const string ConnectionEntity = "connection";
    public const int MaxMessageLength = 1024;

    public async Task<Job> CreateAsync(Guid userId, Guid connectionId, JobStatus status, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var job = new Job
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            JobType = SyncType,
            Status = status,
            EntityType = ConnectionEntity,
            EntityId = connectionId,
            CreatedAt = now,
            StartedAt = status == JobStatus.Running ? now : null,
        };
        db.Jobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(job).State = EntityState.Detached;
        return job;
    }

    public Task<Job?> FindActiveAsync(Guid connectionId, CancellationToken cancellationToken) =>
        db.Jobs.AsNoTracking()
            .Where(j => j.EntityType == ConnectionEntity && j.EntityId == connectionId && j.JobType == SyncType
                && (j.Status == JobStatus.Pending || j.Status == JobStatus.Running))
            .OrderByDescending(j => j.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);

    public Task<Job?> FindAsync(Guid jobId, CancellationToken cancellationToken) =>
        db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, cancellationToken);

    public Task SetEngineIdAsync(Guid jobId, string? engineJobId, CancellationToken cancellationToken) =>
        db.Jobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s.SetProperty(j => j.EngineJobId, engineJobId), cancellationToken);

    /// Moves a job to running unless it already finished successfully; false when there is nothing to run.
    public async Task<bool> StartAsync(Guid jobId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        return await db.Jobs
            .Where(j => j.Id == jobId && j.Status != JobStatus.Completed)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, JobStatus.Running)
                .SetProperty(j => j.StartedAt, now)
                .SetProperty(j => j.CompletedAt, (DateTime?)null)
                .SetProperty(j => j.ErrorMessage, (string?)null), cancellationToken) == 1;
    }

    /// Ends the sync records of a connection still pending from before an instant (their work was done by a run that
    /// started then), except the given one.
    public Task SkipPendingAsync(Guid connectionId, Guid exceptJobId, DateTime queuedBy, string message, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        return db.Jobs
            .Where(j => j.EntityType == ConnectionEntity && j.EntityId == connectionId && j.JobType == SyncType
                && j.Status == JobStatus.Pending && j.Id != exceptJobId && j.CreatedAt <= queuedBy)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, JobStatus.Completed)
                .SetProperty(j => j.CompletedAt, now)
                .SetProperty(j => j.ErrorMessage, message), cancellationToken);
    }

    public Task FinishAsync(Guid jobId, JobStatus status, string? message, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var text = message is { Length: > MaxMessageLength } ? message[..MaxMessageLength] : message;
        return db.Jobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, status)
            .SetProperty(j => j.CompletedAt, now)
            .SetProperty(j => j.ErrorMessage, text), cancellationToken);
    }
}
