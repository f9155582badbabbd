using Hangfire;
using Hangfire.Common;
using PersonalFinance.Api.Connections;
using PersonalFinance.Api.Institutions;
using PersonalFinance.Api.Sync;

namespace PersonalFinance.Api.Jobs;

/// Every recurring job and the retry policy, in one place. Registration is idempotent, so each start re-plans them.
internal static class RecurringJobs
{
    public const string RefreshInstitutions = "refresh-institutions";
    public const string PollRecentRequisitions = "poll-recent-requisitions";
    public const string PollRequisitions = "poll-requisitions";
    public const string SyncAll = "sync-all";

    /// With the default first wait of 30 s: 30 s, 2 min, 10 min, 30 min, 1 h.
    private static readonly int[] RetryGrowth = [1, 4, 20, 60, 120];

    public static void Register(IRecurringJobManager manager, JobsOptions options)
    {
        var utc = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
        manager.AddOrUpdate<RefreshInstitutionsJob>(RefreshInstitutions, job => job.ExecuteAsync(CancellationToken.None), options.RefreshInstitutionsCron, utc);
        manager.AddOrUpdate<PollRequisitionsJob>(PollRecentRequisitions, job => job.ExecuteAsync(true, CancellationToken.None), options.PollRecentRequisitionsCron, utc);
        manager.AddOrUpdate<PollRequisitionsJob>(PollRequisitions, job => job.ExecuteAsync(false, CancellationToken.None), options.PollRequisitionsCron, utc);
        manager.AddOrUpdate<SyncAllJob>(SyncAll, job => job.ExecuteAsync(CancellationToken.None), options.SyncAllCron, utc);
    }

    /// Hangfire's default filters with our retry policy: a few attempts with growing delays. GoCardless failures and rate
    /// limits are handled inside the jobs (they end cleanly and plan their own next run); only unexpected failures
    /// (the database gone, a bug) reach this policy.
    public static JobFilterCollection Filters(JobsOptions options)
    {
        var filters = new JobFilterCollection
        {
            new CaptureCultureAttribute(),
            new StatisticsHistoryAttribute(),
            new ContinuationsSupportAttribute(),
            new EngineJobContext(),
        };
        filters.Add(new AutomaticRetryAttribute
        {
            Attempts = options.RetryAttempts,
            DelaysInSeconds = [.. RetryGrowth.Select(factor => Math.Max(1, (int)Math.Round(options.RetryDelay.TotalSeconds * factor)))],
            OnAttemptsExceeded = AttemptsExceededAction.Fail,
        });
        return filters;
    }
}
