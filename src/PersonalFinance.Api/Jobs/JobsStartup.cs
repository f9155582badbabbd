using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalFinance.Api.Data;
using PersonalFinance.Api.Institutions;
using PersonalFinance.Api.Sync;

namespace PersonalFinance.Api.Jobs;

/// At start-up: re-plans the recurring jobs, recovers job records a dead SQLite process left behind (F22), and loads the
/// institution catalogue when it is empty. A failure here (e.g. a database not migrated yet) is logged, never fatal.
internal sealed partial class JobsStartup(IServiceScopeFactory scopes, IOptions<JobsOptions> options, ILogger<JobsStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            RecurringJobs.Register(services.GetRequiredService<IRecurringJobManager>(), options.Value);
            var db = services.GetRequiredService<AppDbContext>();
            if (db.Provider == DatabaseProvider.Sqlite)
            {
                await services.GetRequiredService<InterruptedJobs>().RecoverAsync(cancellationToken);
            }

            if (!await db.Institutions.AnyAsync(cancellationToken))
            {
                services.GetRequiredService<IBackgroundJobClient>().Enqueue<RefreshInstitutionsJob>(job => job.ExecuteAsync(CancellationToken.None));
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.StartupFailed(logger, exception);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Background jobs could not be planned at start-up")]
        public static partial void StartupFailed(ILogger logger, Exception exception);
    }
}

/// With in-memory job storage a stopped process takes its queue with it: records left running are marked failed
/// (interrupted) and their connections queued again; records left pending are queued again under the same id.
internal sealed partial class InterruptedJobs(AppDbContext db, JobRecords records, SyncScheduler scheduler, ILogger<InterruptedJobs> logger)
{
    public const string InterruptedMessage = "The sync was interrupted because the app stopped. It has been queued again.";

    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        var leftovers = await db.Jobs.AsNoTracking()
            .Where(j => j.JobType == JobRecords.SyncType && (j.Status == JobStatus.Running || j.Status == JobStatus.Pending))
            .ToListAsync(cancellationToken);
        foreach (var job in leftovers)
        {
            if (job.Status == JobStatus.Running)
            {
                await records.FinishAsync(job.Id, JobStatus.Failed, InterruptedMessage, cancellationToken);
                Log.Interrupted(logger, job.Id, job.EntityId);
            }
        }

        // One new run per connection covers both the interrupted and the never-started work.
        foreach (var connection in leftovers.GroupBy(j => j.EntityId))
        {
            var pending = connection.Where(j => j.Status == JobStatus.Pending).OrderBy(j => j.CreatedAt).ToList();
            if (pending.Count > 0)
            {
                scheduler.EnqueueExisting(pending[0]);
                foreach (var extra in pending.Skip(1))
                {
                    await records.FinishAsync(extra.Id, JobStatus.Failed, InterruptedMessage, cancellationToken);
                }
            }
            else
            {
                await scheduler.EnqueueConnectionSyncAsync(connection.Key, fullSync: false, cancellationToken);
            }
        }

        return leftovers.Count;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Sync job {JobId} of connection {ConnectionId} was interrupted by a stop; marked failed and queued again")]
        public static partial void Interrupted(ILogger logger, Guid jobId, Guid connectionId);
    }
}
