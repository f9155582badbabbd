using Hangfire.Server;

namespace PersonalFinance.Api.Jobs;

/// Makes the job engine's id of the job being performed visible to the job's code. It stays the same across the engine's
/// retries of one job and differs between two enqueues of the same work, which is what a sync's lease needs to tell a retry
/// of itself from a duplicate.
internal sealed class EngineJobContext : IServerFilter
{
    private static readonly AsyncLocal<string?> Current = new();

    /// The engine's id of the job being performed on this flow, or null when the code was called directly.
    public static string? CurrentJobId => Current.Value;

    public void OnPerforming(PerformingContext context) => Current.Value = context.BackgroundJob.Id;

    public void OnPerformed(PerformedContext context) => Current.Value = null;
}
