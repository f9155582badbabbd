namespace GoCardless.BankAccountData;

/// <summary>409 <c>Account is Processing</c>: GoCardless is still fetching the account. Retry later; poll the account metadata until it is <c>READY</c>.</summary>
public sealed class GoCardlessAccountProcessingException : GoCardlessApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">What GoCardless answered.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    public GoCardlessAccountProcessingException(GoCardlessError error, Exception? innerException = null)
        : base(error, innerException)
    {
    }
}
