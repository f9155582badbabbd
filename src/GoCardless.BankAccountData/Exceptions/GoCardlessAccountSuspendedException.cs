namespace GoCardless.BankAccountData;

/// <summary>
/// 409 other than <c>Account is Processing</c>: the account is suspended (after repeated access errors), in <c>ERROR</c>, or otherwise unusable.
/// Treat the account as inactive; the user must reconnect.
/// </summary>
public sealed class GoCardlessAccountSuspendedException : GoCardlessApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">What GoCardless answered.</param>
    /// <param name="accountStatus">The account status named by the body (<c>SUSPENDED</c> for <c>Account suspended</c>), if any.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    public GoCardlessAccountSuspendedException(GoCardlessError error, string? accountStatus, Exception? innerException = null)
        : base(error, innerException)
    {
        AccountStatusCode = accountStatus;
        AccountStatus = GoCardlessEnums.ParseAccountStatus(accountStatus);
    }

    /// <summary>The raw account status, e.g. <c>SUSPENDED</c> or <c>ERROR</c>; <see langword="null"/> when the body named none.</summary>
    public string? AccountStatusCode { get; }

    /// <summary>The parsed account status (<see cref="GoCardlessAccountStatus.Unknown"/> when absent or unrecognised).</summary>
    public GoCardlessAccountStatus AccountStatus { get; }
}
