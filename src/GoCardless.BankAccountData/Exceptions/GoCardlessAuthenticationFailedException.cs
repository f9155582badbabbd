namespace GoCardless.BankAccountData;

/// <summary>GoCardless refused the secrets on <c>token/new/</c> (401 <c>Authentication failed</c>). Fix <see cref="GoCardlessOptions.SecretId"/> and <see cref="GoCardlessOptions.SecretKey"/>; the client does not retry and makes at most one <c>token/new/</c> attempt per <see cref="GoCardlessOptions.AuthenticationRetryInterval"/> after a refusal.</summary>
public sealed class GoCardlessAuthenticationFailedException : GoCardlessApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">What GoCardless answered.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    public GoCardlessAuthenticationFailedException(GoCardlessError error, Exception? innerException = null)
        : base(error, innerException)
    {
    }
}
