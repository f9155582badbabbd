namespace GoCardless.BankAccountData;

/// <summary>403: the agreement's scope does not cover the call, there is no valid agreement, the bank forbids access, the IP address is not allowed, or the company lacks the permission.</summary>
public sealed class GoCardlessForbiddenException : GoCardlessApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">What GoCardless answered.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    public GoCardlessForbiddenException(GoCardlessError error, Exception? innerException = null)
        : base(error, innerException)
    {
    }
}
