namespace GoCardless.BankAccountData;

/// <summary>Why GoCardless is considered unavailable.</summary>
public enum GoCardlessUnavailableReason
{
    /// <summary>The connection failed or was dropped.</summary>
    ConnectionFailed,

    /// <summary>An attempt, or the whole call, exceeded its timeout.</summary>
    Timeout,

    /// <summary>The circuit breaker is open after repeated failures; the call was not sent.</summary>
    CircuitOpen,

    /// <summary>A 5xx answer without a JSON body (a gateway or CDN page).</summary>
    GatewayError,
}
