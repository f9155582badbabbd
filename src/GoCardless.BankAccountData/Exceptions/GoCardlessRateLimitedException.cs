namespace GoCardless.BankAccountData;

/// <summary>
/// 429: a rate limit was hit. Reschedule the work at <see cref="ResetAfter"/>; do not retry sooner and do not reconnect the account.
/// </summary>
public sealed class GoCardlessRateLimitedException : GoCardlessApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">What GoCardless answered.</param>
    /// <param name="resetAfter">How long to wait before calling again.</param>
    /// <param name="isInstitutionLimit">Whether the bank's own limit was hit (<c>type</c> <c>RateLimitError</c>).</param>
    /// <param name="isAccountLimit">Whether the per-account daily limit was hit.</param>
    /// <param name="scope">The data scope of the call.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    public GoCardlessRateLimitedException(
        GoCardlessError error,
        TimeSpan resetAfter,
        bool isInstitutionLimit,
        bool isAccountLimit,
        GoCardlessScope scope,
        Exception? innerException = null)
        : base(error, innerException)
    {
        ResetAfter = resetAfter;
        IsInstitutionLimit = isInstitutionLimit;
        IsAccountLimit = isAccountLimit;
        Scope = scope;
    }

    /// <summary>
    /// How long to wait, first available of: the <c>account_success_reset</c> header, the general <c>reset</c> header (only for a general
    /// limit: it describes the per-minute window, not the account's or the bank's), the <c>try again in N seconds</c> text of the detail,
    /// 24 h for a bank limit, 60 s otherwise.
    /// </summary>
    public TimeSpan ResetAfter { get; }

    /// <summary>Whether the bank's own limit was hit (<c>type</c> <c>RateLimitError</c>).</summary>
    public bool IsInstitutionLimit { get; }

    /// <summary>Whether the per-account, per-scope daily limit was hit (account headers present, or a <c>…/day</c> limit in the detail).</summary>
    public bool IsAccountLimit { get; }

    /// <summary>The data scope of the call (<see cref="GoCardlessScope.None"/> for non-data routes).</summary>
    public GoCardlessScope Scope { get; }
}
