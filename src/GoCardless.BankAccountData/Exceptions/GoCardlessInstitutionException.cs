namespace GoCardless.BankAccountData;

/// <summary>
/// 5xx: the bank (<c>UnknownRequestError</c>, <c>ConnectionError</c>, <c>ServiceError</c>, <c>Institution … is not operational</c>) or
/// GoCardless itself failed, after the client's retries for GETs. Retry later.
/// </summary>
public class GoCardlessInstitutionException : GoCardlessApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">What GoCardless answered.</param>
    /// <param name="isTransient">Whether a later retry may succeed.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    public GoCardlessInstitutionException(GoCardlessError error, bool isTransient = true, Exception? innerException = null)
        : base(error, innerException)
    {
        IsTransient = isTransient;
    }

    /// <summary>Creates the exception with a message of its own.</summary>
    /// <param name="error">What GoCardless answered.</param>
    /// <param name="isTransient">Whether a later retry may succeed.</param>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    protected GoCardlessInstitutionException(GoCardlessError error, bool isTransient, string? message, Exception? innerException)
        : base(error, message, innerException)
    {
        IsTransient = isTransient;
    }

    /// <summary>Whether a later retry may succeed.</summary>
    public bool IsTransient { get; }
}
