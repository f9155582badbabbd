namespace GoCardless.BankAccountData;

/// <summary>A response GoCardless should not send: a success whose body is not the documented JSON shape. Not retried by the client (a data call may already have used one of the account's daily calls).</summary>
public sealed class GoCardlessProtocolException : GoCardlessApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">What GoCardless answered.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    public GoCardlessProtocolException(GoCardlessError error, Exception? innerException = null)
        : base(error, innerException)
    {
    }
}
