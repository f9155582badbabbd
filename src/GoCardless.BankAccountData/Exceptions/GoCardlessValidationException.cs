namespace GoCardless.BankAccountData;

/// <summary>400: GoCardless rejected the request (bad input or a client bug). <see cref="GoCardlessApiException.FieldErrors"/> lists the fields it named. Not retried.</summary>
public sealed class GoCardlessValidationException : GoCardlessApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">What GoCardless answered.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    public GoCardlessValidationException(GoCardlessError error, Exception? innerException = null)
        : base(error, innerException)
    {
    }
}
