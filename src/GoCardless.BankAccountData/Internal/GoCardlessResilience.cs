using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace GoCardless.BankAccountData.Internal;

/// <summary>
/// The pipeline of the GoCardless client, outermost first: call-start stamp, total timeout, retry (GET only), circuit breaker, attempt
/// timeout.
/// </summary>
/// <remarks>
/// Retried (GET and HEAD only, never POST/PUT/DELETE): 408, 500, 502, 503, 504, connection failures, attempt timeouts, a general 429 whose
/// wait fits in what is left of the total timeout (waiting exactly that long), and a 200 whose body is not well-formed JSON (empty,
/// truncated, malformed). The last is our reading of quality F6 versus the "do not retry a 2xx that fails to parse" rule: a body that is not
/// JSON at all is a transport fault, while a well-formed body of the wrong shape (e.g. no <c>transactions.booked</c>) is a
/// <see cref="GoCardlessProtocolException"/> and is never retried. Never retried: 409, an account-level or bank 429, any 4xx.
/// </remarks>
internal static class GoCardlessResilience
{
    private static readonly ResiliencePropertyKey<long> CallStartedAt = new("GoCardless.CallStartedAt");

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, GoCardlessOptions options, TimeProvider time)
    {
        // Retry delays and timeouts run on the client's clock, not the host's (a host's fake clock would never let them elapse).
        pipeline.TimeProvider = time;
        pipeline.AddStrategy(_ => new CallStartStrategy(time), new CallStartStrategyOptions());

        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "GoCardlessTotalTimeout", Timeout = options.TotalTimeout });

        if (options.MaxRetryAttempts > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                Name = "GoCardlessRetry",
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ShouldRetryAsync(args, options, time),
                DelayGenerator = args => RetryDelayAsync(args, time),
            });
        }

        if (options.CircuitBreakerEnabled)
        {
            pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                Name = "GoCardlessCircuitBreaker",
                FailureRatio = options.CircuitBreakerFailureRatio,
                MinimumThroughput = options.CircuitBreakerMinimumThroughput,
                SamplingDuration = options.CircuitBreakerSamplingDuration,
                BreakDuration = options.CircuitBreakerBreakDuration,
                ShouldHandle = args => IsGoCardlessFailureAsync(args.Outcome, args.Context.CancellationToken),
            });
        }

        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "GoCardlessAttemptTimeout", Timeout = options.AttemptTimeout });
    }

    private static async ValueTask<bool> ShouldRetryAsync(RetryPredicateArguments<HttpResponseMessage> args, GoCardlessOptions options, TimeProvider time)
    {
        var request = args.Context.GetRequestMessage();
        if (request is null || (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head))
        {
            return false;
        }

        if (args.Outcome.Exception is { } exception)
        {
            return exception is HttpRequestException or TimeoutRejectedException;
        }

        if (args.Outcome.Result is not { } response)
        {
            return false;
        }

        switch (response.StatusCode)
        {
            case HttpStatusCode.RequestTimeout:
            case HttpStatusCode.InternalServerError:
            case HttpStatusCode.BadGateway:
            case HttpStatusCode.ServiceUnavailable:
            case HttpStatusCode.GatewayTimeout:
                return true;
            case HttpStatusCode.TooManyRequests:
                var delay = await GeneralRateLimitDelayAsync(response, time, args.Context.CancellationToken);
                var elapsed = args.Context.Properties.TryGetValue(CallStartedAt, out var startedAt) ? time.GetElapsedTime(startedAt) : TimeSpan.Zero;
                return delay is { } wait && wait < options.TotalTimeout - elapsed;
            case HttpStatusCode.OK:
                return !await IsWellFormedJsonAsync(response, args.Context.CancellationToken);
            default:
                return false;
        }
    }

    private static async ValueTask<TimeSpan?> RetryDelayAsync(RetryDelayGeneratorArguments<HttpResponseMessage> args, TimeProvider time) =>
        args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } response
            ? await GeneralRateLimitDelayAsync(response, time, args.Context.CancellationToken)
            : null;

    private static async ValueTask<TimeSpan?> GeneralRateLimitDelayAsync(HttpResponseMessage response, TimeProvider time, CancellationToken cancellationToken)
    {
        var parsed = ErrorBody.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var rateLimits = RateLimitInfo.FromHeaders(response.Headers);
        return ErrorClassifier.IsGeneralRateLimit(parsed, rateLimits)
            ? ErrorClassifier.GeneralRateLimitDelay(response, parsed, rateLimits, time.GetUtcNow())
            : null;
    }

    /// <summary>
    /// What opens the circuit: GoCardless itself not answering or failing. Bank-side errors (a JSON body with an institution <c>type</c>, or
    /// an institution that is not operational) are excluded: one broken bank must not cut off every other bank.
    /// </summary>
    private static async ValueTask<bool> IsGoCardlessFailureAsync(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken)
    {
        if (outcome.Exception is { } exception)
        {
            return exception is HttpRequestException or TimeoutRejectedException;
        }

        if (outcome.Result is not { } response)
        {
            return false;
        }

        var status = (int)response.StatusCode;
        if (status != 408 && status is < 500 or > 599)
        {
            return false;
        }

        var parsed = ErrorBody.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var institutionSide = parsed.Type is "UnknownRequestError" or "ConnectionError" or "ServiceError"
            || (parsed.Summary?.Contains("is not operational", StringComparison.OrdinalIgnoreCase) ?? false);
        return !institutionSide;
    }

    private static async Task<bool> IsWellFormedJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (bytes.Length == 0)
        {
            return false;
        }

        try
        {
            ReadOnlySpan<byte> json = bytes;
            if (json.StartsWith("\uFEFF"u8))
            {
                json = json[3..];
            }

            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Records when the call started, so a general 429 is only waited for if the wait fits in the total timeout.</summary>
    private sealed class CallStartStrategy(TimeProvider time) : ResilienceStrategy<HttpResponseMessage>
    {
        protected override ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
            Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback, ResilienceContext context, TState state)
        {
            context.Properties.Set(CallStartedAt, time.GetTimestamp());
            return callback(context, state);
        }
    }

    private sealed class CallStartStrategyOptions : ResilienceStrategyOptions;
}
