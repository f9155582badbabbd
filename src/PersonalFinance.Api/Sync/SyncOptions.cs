using System.ComponentModel.DataAnnotations;

namespace PersonalFinance.Api.Sync;

/// Section "Sync": GoCardless's per-account budget and how the sync paces itself.
internal sealed class SyncOptions
{
    public const string SectionName = "Sync";

    /// Successful calls GoCardless allows per account and scope in a rolling 24 h (lower header values win).
    [Range(1, 100)]
    public int DailyCallsPerScope { get; set; } = 4;

    /// How long a run holds its connection; a duplicate delivery inside it ends without work.
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan DetailsRefreshInterval { get; set; } = TimeSpan.FromDays(7);

    /// Days re-read before the watermark, to catch late bookings.
    [Range(0, 30)]
    public int OverlapDays { get; set; } = 3;

    /// History of a first or full sync when the institution does not say.
    [Range(1, 730)]
    public int DefaultHistoryDays { get; set; } = 90;

    /// Automatic syncing of an account stops after this many consecutive failures (GoCardless suspends after more than 10).
    [Range(1, 9)]
    public int StopAfterConsecutiveFailures { get; set; } = 5;

    public TimeSpan FailureBackoff { get; set; } = TimeSpan.FromMinutes(30);
    public TimeSpan MaxFailureBackoff { get; set; } = TimeSpan.FromHours(24);

    /// When an account is still being processed by GoCardless, the next try comes after this.
    public TimeSpan ProcessingRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// A sync planned after a limit's reset runs this long after it.
    public TimeSpan ResetMargin { get; set; } = TimeSpan.FromMinutes(1);
}

/// Who asked for a sync: scheduled syncs leave the last call of each scope for the user's "sync now".
internal enum SyncTrigger
{
    Scheduled,
    Manual,
}

/// Named points of a sync where tests make it crash (a crash without cleanup). Does nothing in the app.
internal class SyncFaultPoints
{
    public const string AfterFetch = "after-fetch";
    public const string BeforeCommit = "before-commit";
    public const string AfterCommit = "after-commit";

    public virtual void Hit(string point, string accountId)
    {
    }
}

/// Per-account progress lines for whoever runs a sync in the foreground (the CLI verb).
internal sealed class SyncProgress
{
    public Action<string>? Report { get; set; }

    public void Write(string line) => Report?.Invoke(line);
}
