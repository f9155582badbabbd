namespace GoCardless.BankAccountData;

/// <summary>
/// GoCardless itself could not be reached or did not answer usefully: connection failure, timeout (per attempt after the retries, or
/// total), an open circuit breaker, or a 5xx without a JSON body (gateway page). Always transient. An app maps this to 503.
/// </summary>
public sealed class GoCardlessUnavailableException : GoCardlessInstitutionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">What is known about the failed call (no status when there was no response).</param>
    /// <param name="reason">Why GoCardless is considered unavailable.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    public GoCardlessUnavailableException(GoCardlessError error, GoCardlessUnavailableReason reason, Exception? innerException = null)
        : base(error, isTransient: true, BuildMessage(error, reason), innerException)
    {
        Reason = reason;
    }

    /// <summary>Why GoCardless is considered unavailable.</summary>
    public GoCardlessUnavailableReason Reason { get; }

    private static string BuildMessage(GoCardlessError error, GoCardlessUnavailableReason reason)
    {
        ArgumentNullException.ThrowIfNull(error);
        var status = error.StatusCode is { } code ? $" ({(int)code} {code})" : "";
        return $"GoCardless is unavailable for {error.Request ?? "request"}: {reason}{status}";
    }
}
