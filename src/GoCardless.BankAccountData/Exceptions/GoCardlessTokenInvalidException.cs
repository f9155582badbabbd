namespace GoCardless.BankAccountData;

/// <summary>GoCardless answered 401 <c>Invalid token</c> even after the client fetched a fresh access token and replayed the call once.</summary>
public sealed class GoCardlessTokenInvalidException : GoCardlessApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">What GoCardless answered.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    public GoCardlessTokenInvalidException(GoCardlessError error, Exception? innerException = null)
        : base(error, innerException)
    {
    }
}
