using System.ComponentModel.DataAnnotations;

namespace PersonalFinance.Api.Jobs;

/// Which part of the background work this instance does.
internal enum JobsRole
{
    /// Serves HTTP and queues work; runs no job.
    Web,

    /// Runs jobs; in a worker-only instance the HTTP API still starts (health checks) but is not meant for users.
    Worker,

    /// Both (the default, and the only sensible choice with SQLite).
    All,
}

/// Section "Jobs": the Hangfire server of this instance and the schedules of the recurring jobs.
internal sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    public JobsRole Role { get; set; } = JobsRole.All;

    /// Concurrent jobs in this instance.
    [Range(1, 64)]
    public int WorkerCount { get; set; } = 4;

    /// How often the server looks for scheduled jobs (and, on PostgreSQL, for queued ones).
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// How long a job fetched by a PostgreSQL worker stays invisible to others; a killed worker's job is redelivered after it.
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// Hangfire's own tables on PostgreSQL.
    public string PostgresSchema { get; set; } = "hangfire";

    /// Retries for a job that failed unexpectedly (GoCardless failures are handled inside the jobs, not retried here).
    [Range(0, 10)]
    public int RetryAttempts { get; set; } = 3;

    /// The wait before the first retry; later ones grow from it (×4, ×20, ×60, ×120).
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// Cron expressions (UTC).
    public string SyncAllCron { get; set; } = "0 */6 * * *";
    public string RefreshInstitutionsCron { get; set; } = "30 3 * * *";
    public string PollRecentRequisitionsCron { get; set; } = "*/5 * * * *";
    public string PollRequisitionsCron { get; set; } = "15 * * * *";
}
