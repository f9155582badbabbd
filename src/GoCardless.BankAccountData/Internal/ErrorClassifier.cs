using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace GoCardless.BankAccountData.Internal;

/// <summary>Turns a non-success answer into the exception class of the specification (status first, then <c>type</c>, then text).</summary>
internal static partial class ErrorClassifier
{
    public const int MaxRawBodyChars = 4096;

    private static readonly TimeSpan InstitutionLimitFallback = TimeSpan.FromHours(24);
    private static readonly TimeSpan GeneralLimitFallback = TimeSpan.FromSeconds(60);

    public static GoCardlessApiException Classify(HttpStatusCode status, string? body, RateLimitInfo rateLimits, GoCardlessRequestInfo request)
    {
        var parsed = ErrorBody.Parse(body);
        var error = new GoCardlessError(status, parsed.Summary, parsed.Detail, parsed.Type, Truncate(body), rateLimits, parsed.FieldErrors, request.ToString());
        return (int)status switch
        {
            400 => new GoCardlessValidationException(error),
            401 => Unauthorized(error, parsed, request),
            403 => new GoCardlessForbiddenException(error),
            404 => new GoCardlessNotFoundException(error),
            409 => Conflict(error, parsed),
            429 => RateLimited(error, parsed, rateLimits, request),
            >= 500 and <= 599 when !parsed.IsJsonObject => new GoCardlessUnavailableException(error, GoCardlessUnavailableReason.GatewayError),
            >= 500 and <= 599 => new GoCardlessInstitutionException(error, isTransient: true),
            _ => new GoCardlessApiException(error),
        };
    }

    public static GoCardlessProtocolException Protocol(HttpStatusCode status, string? body, RateLimitInfo rateLimits, GoCardlessRequestInfo request, Exception inner) =>
        new(
            new GoCardlessError(status, "Unreadable response", inner.Message, null, Truncate(body), rateLimits, ErrorBody.NotAnObject.FieldErrors, request.ToString()),
            inner);

    public static string? Truncate(string? body) => body is { Length: > MaxRawBodyChars } ? body[..MaxRawBodyChars] : body;

    public static bool IsInvalidTokenBody(ErrorBody parsed) =>
        string.Equals(parsed.Summary?.Trim(), "Invalid token", StringComparison.OrdinalIgnoreCase)
        || string.Equals(parsed.Detail?.Trim(), "Token is invalid or expired", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether a 429 is a general (per-endpoint-group, per-minute or per-hour) limit rather than the per-account daily limit or the bank's
    /// own limit. Only a general limit may be retried in the pipeline.
    /// </summary>
    public static bool IsGeneralRateLimit(ErrorBody parsed, RateLimitInfo rateLimits) =>
        !IsInstitutionLimit(parsed) && !IsAccountLimit(parsed, rateLimits);

    /// <summary>The wait a general 429 asks for: <c>Retry-After</c>, else the general reset header, else the detail's text.</summary>
    public static TimeSpan? GeneralRateLimitDelay(HttpResponseMessage response, ErrorBody parsed, RateLimitInfo rateLimits, DateTimeOffset now)
    {
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return delta;
            }

            if (retryAfter.Date is { } date)
            {
                return date > now ? date - now : TimeSpan.Zero;
            }
        }

        return Seconds(rateLimits.ResetSeconds) ?? DetailDelay(parsed.Detail);
    }

    private static GoCardlessApiException Unauthorized(GoCardlessError error, ErrorBody parsed, GoCardlessRequestInfo request)
    {
        if (request.IsTokenNew)
        {
            return new GoCardlessAuthenticationFailedException(error);
        }

        switch (parsed.Type)
        {
            case "AccessExpiredError":
                return new GoCardlessAccessExpiredException(error, GoCardlessAccessExpiredReason.AccessExpired);
            case "AccountInactiveError":
                return new GoCardlessAccessExpiredException(error, GoCardlessAccessExpiredReason.AccountInactive);
            case "FailedAuthentication":
                return new GoCardlessAccessExpiredException(error, GoCardlessAccessExpiredReason.BankAuthenticationFailed);
            default:
                break;
        }

        // Live wording differs slightly from the docs, so only the stable parts are matched.
        if ((parsed.Summary is { } summary && EuaExpiredSummary().IsMatch(summary))
            || (parsed.Detail?.TrimStart().StartsWith("EUA was valid for", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return new GoCardlessAccessExpiredException(error, GoCardlessAccessExpiredReason.EuaExpired);
        }

        if (IsInvalidTokenBody(parsed) || request.IsTokenRefresh || !parsed.IsJsonObject)
        {
            return new GoCardlessTokenInvalidException(error);
        }

        return new GoCardlessApiException(error);
    }

    private static GoCardlessApiException Conflict(GoCardlessError error, ErrorBody parsed)
    {
        if (parsed.Type == "AccountProcessing"
            || string.Equals(parsed.Summary?.Trim(), "Account is Processing", StringComparison.OrdinalIgnoreCase))
        {
            return new GoCardlessAccountProcessingException(error);
        }

        var status = parsed.AccountStatus
            ?? (parsed.Summary?.Contains("suspended", StringComparison.OrdinalIgnoreCase) == true ? "SUSPENDED" : null);
        return new GoCardlessAccountSuspendedException(error, status);
    }

    private static GoCardlessRateLimitedException RateLimited(GoCardlessError error, ErrorBody parsed, RateLimitInfo rateLimits, GoCardlessRequestInfo request)
    {
        var isInstitution = IsInstitutionLimit(parsed);
        var isAccount = !isInstitution && IsAccountLimit(parsed, rateLimits);

        // Deliberate refinement of the specified order (account header, general header, detail, fallback): the general reset header
        // describes the per-minute window of the endpoint group, so for an account or bank limit it would schedule a call that is certain
        // to fail again. It is used only for a general limit.
        var resetAfter = Seconds(rateLimits.AccountSuccessResetSeconds)
            ?? (isInstitution || isAccount ? null : Seconds(rateLimits.ResetSeconds))
            ?? DetailDelay(parsed.Detail)
            ?? (isInstitution ? InstitutionLimitFallback : GeneralLimitFallback);
        return new GoCardlessRateLimitedException(error, resetAfter, isInstitution, isAccount, request.Scope);
    }

    private static bool IsInstitutionLimit(ErrorBody parsed) => parsed.Type == "RateLimitError";

    private static bool IsAccountLimit(ErrorBody parsed, RateLimitInfo rateLimits) =>
        rateLimits.HasAccountSuccessHeaders || (parsed.Detail is { } detail && PerDayLimit().IsMatch(detail));

    private static TimeSpan? DetailDelay(string? detail)
    {
        if (detail is null)
        {
            return null;
        }

        var match = TryAgainIn().Match(detail);
        return match.Success && long.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }

    private static TimeSpan? Seconds(int? value) => value is >= 0 ? TimeSpan.FromSeconds(value.Value) : null;

    [GeneratedRegex(@"end user agreement.*expired", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EuaExpiredSummary();

    [GeneratedRegex(@"try again in (\d+) seconds", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TryAgainIn();

    [GeneratedRegex(@"\d+\s*/\s*day", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PerDayLimit();
}
