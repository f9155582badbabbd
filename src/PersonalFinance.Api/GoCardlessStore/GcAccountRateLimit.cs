namespace PersonalFinance.Api.GoCardlessStore;

/// The per-account, per-scope daily allowance as every instance sees it.
internal sealed class GcAccountRateLimit
{
    public required string AccountId { get; set; }
    public required string Scope { get; set; }
    public int? Limit { get; set; }
    public int? Remaining { get; set; }
    public DateTime? ResetAt { get; set; }

    /// Instants of our successful (or reserved) calls inside the rolling 24 h window.
    public List<DateTime> SuccessfulCalls { get; set; } = [];
    public int SuccessCount { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}
