namespace GoCardless.BankAccountData;

/// <summary>401 on an account call because access ended (<see cref="Reason"/>). The user must reconnect the bank with a new requisition.</summary>
public sealed class GoCardlessAccessExpiredException : GoCardlessApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">What GoCardless answered.</param>
    /// <param name="reason">Why access ended.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    public GoCardlessAccessExpiredException(GoCardlessError error, GoCardlessAccessExpiredReason reason, Exception? innerException = null)
        : base(error, innerException)
    {
        Reason = reason;
    }

    /// <summary>Why access ended.</summary>
    public GoCardlessAccessExpiredReason Reason { get; }
}
