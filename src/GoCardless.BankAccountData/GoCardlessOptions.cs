namespace GoCardless.BankAccountData;

/// <summary>Settings for <see cref="GoCardlessClient"/>, validated when the host starts.</summary>
public sealed class GoCardlessOptions
{
    /// <summary>The API secret id (a UUID issued by GoCardless). Required.</summary>
    public string SecretId { get; set; } = "";

    /// <summary>The API secret key (128 hex characters). Required; never logged.</summary>
    public string SecretKey { get; set; } = "";

    /// <summary>The API root, absolute and with its trailing slash (relative paths are resolved against it).</summary>
    public Uri BaseAddress { get; set; } = new("https://bankaccountdata.gocardless.com/api/v2/");

    /// <summary>Time allowed for one HTTP attempt, including reading the body. Default 30 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for one call including all its retries and retry delays. Default 2 min.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Retries after the first attempt of a GET (0 disables retries). Default 3.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Base of the exponential, jittered backoff between GET retries. Default 1 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of one backoff delay. Default 10 s.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether the circuit breaker is active. Default <see langword="true"/>.</summary>
    public bool CircuitBreakerEnabled { get; set; } = true;

    /// <summary>Share of failed attempts within <see cref="CircuitBreakerSamplingDuration"/> that opens the circuit (0..1]. Default 0.5.</summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts needed within the sampling window before the ratio is considered (at least 2). Default 10.</summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    /// <summary>Window over which failures are counted (at least 0.5 s). Default 30 s.</summary>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails calls fast before letting one probe through (at least 0.5 s). Default 30 s.</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Minimum time between two <c>token/new/</c> attempts after GoCardless refused the secrets (<c>token/new/</c> is limited to 100 per hour).
    /// Default 1 min.
    /// </summary>
    public TimeSpan AuthenticationRetryInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A token is treated as expired this long before its expiry. Default 60 s.</summary>
    public TimeSpan TokenExpiryMargin { get; set; } = TimeSpan.FromSeconds(60);
}
