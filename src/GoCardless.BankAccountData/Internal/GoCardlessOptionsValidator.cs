using Microsoft.Extensions.Options;

namespace GoCardless.BankAccountData.Internal;

internal sealed class GoCardlessOptionsValidator : IValidateOptions<GoCardlessOptions>
{
    // Polly validates its own options too, but only when the first request builds the pipeline; checking here makes a bad
    // configuration stop the host at start with a readable message.
    private static readonly TimeSpan PollyMinimumWindow = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan PollyMinimumTimeout = TimeSpan.FromMilliseconds(10);

    public ValidateOptionsResult Validate(string? name, GoCardlessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.SecretId))
        {
            failures.Add("GoCardless SecretId is required.");
        }

        if (string.IsNullOrWhiteSpace(options.SecretKey))
        {
            failures.Add("GoCardless SecretKey is required.");
        }

        if (options.BaseAddress is not { IsAbsoluteUri: true } baseAddress
            || (baseAddress.Scheme != Uri.UriSchemeHttps && baseAddress.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add("GoCardless BaseAddress must be an absolute http(s) URI.");
        }
        else if (!baseAddress.AbsolutePath.EndsWith('/') || !string.IsNullOrEmpty(baseAddress.Query))
        {
            failures.Add("GoCardless BaseAddress must end with '/' and have no query, e.g. https://bankaccountdata.gocardless.com/api/v2/.");
        }

        if (options.AttemptTimeout < PollyMinimumTimeout)
        {
            failures.Add("GoCardless AttemptTimeout must be at least 10 ms.");
        }

        if (options.TotalTimeout < options.AttemptTimeout)
        {
            failures.Add("GoCardless TotalTimeout must be at least AttemptTimeout.");
        }

        if (options.MaxRetryAttempts is < 0 or > 10)
        {
            failures.Add("GoCardless MaxRetryAttempts must be between 0 and 10.");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.RetryMaxDelay < options.RetryBaseDelay)
        {
            failures.Add("GoCardless RetryBaseDelay must be non-negative and not above RetryMaxDelay.");
        }

        if (options.CircuitBreakerFailureRatio is <= 0 or > 1)
        {
            failures.Add("GoCardless CircuitBreakerFailureRatio must be in (0, 1].");
        }

        if (options.CircuitBreakerMinimumThroughput < 2)
        {
            failures.Add("GoCardless CircuitBreakerMinimumThroughput must be at least 2.");
        }

        if (options.CircuitBreakerSamplingDuration < PollyMinimumWindow || options.CircuitBreakerBreakDuration < PollyMinimumWindow)
        {
            failures.Add("GoCardless CircuitBreakerSamplingDuration and CircuitBreakerBreakDuration must be at least 0.5 s.");
        }

        if (options.AuthenticationRetryInterval < TimeSpan.Zero || options.TokenExpiryMargin < TimeSpan.Zero)
        {
            failures.Add("GoCardless AuthenticationRetryInterval and TokenExpiryMargin must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
