namespace GoCardless.BankAccountData;

/// <summary>404: the institution, agreement, requisition or account does not exist (or no longer does).</summary>
public sealed class GoCardlessNotFoundException : GoCardlessApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">What GoCardless answered.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    public GoCardlessNotFoundException(GoCardlessError error, Exception? innerException = null)
        : base(error, innerException)
    {
    }
}
