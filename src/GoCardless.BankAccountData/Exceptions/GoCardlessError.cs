using System.Net;

namespace GoCardless.BankAccountData;

/// <summary>What GoCardless answered (or failed to answer) for one failed call; carried by every <see cref="GoCardlessApiException"/>.</summary>
/// <param name="StatusCode">The HTTP status, or <see langword="null"/> when no response was received.</param>
/// <param name="Summary">The body's <c>summary</c> (arrays joined with a space; else the first field error's text).</param>
/// <param name="Detail">The body's <c>detail</c>. May quote request values such as the requisition reference: do not log it verbatim.</param>
/// <param name="Type">The body's <c>type</c> (only on institution-side errors, e.g. <c>RateLimitError</c>).</param>
/// <param name="RawBody">The first 4 KB of the body text, for diagnostics.</param>
/// <param name="RateLimits">The rate-limit headers of the response.</param>
/// <param name="FieldErrors">Errors keyed by request field; empty when there were none.</param>
/// <param name="Request">The method and relative path of the failed request, e.g. <c>GET accounts/&lt;id&gt;/balances/</c> (no query string).</param>
public sealed record GoCardlessError(
    HttpStatusCode? StatusCode,
    string? Summary,
    string? Detail,
    string? Type,
    string? RawBody,
    RateLimitInfo RateLimits,
    IReadOnlyDictionary<string, IReadOnlyList<GoCardlessFieldError>> FieldErrors,
    string? Request)
{
    /// <summary>An error with no response at all (transport failure, timeout).</summary>
    /// <param name="request">The method and relative path of the request.</param>
    /// <returns>The error.</returns>
    public static GoCardlessError NoResponse(string? request) =>
        new(null, null, null, null, null, RateLimitInfo.None, new Dictionary<string, IReadOnlyList<GoCardlessFieldError>>(), request);
}
