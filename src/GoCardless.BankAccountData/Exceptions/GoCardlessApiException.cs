using System.Net;

namespace GoCardless.BankAccountData;

/// <summary>
/// Base of every failure of a GoCardless call: a non-success answer, an unreadable success, or no answer. Derived types follow the
/// classification of the GoCardless specification (status first, then <c>type</c>, then summary/detail); this base itself is thrown for
/// statuses with no dedicated class (402, 405, …).
/// </summary>
public class GoCardlessApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">What GoCardless answered.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    public GoCardlessApiException(GoCardlessError error, Exception? innerException = null)
        : this(error, null, innerException)
    {
    }

    /// <summary>Creates the exception with a message of its own.</summary>
    /// <param name="error">What GoCardless answered.</param>
    /// <param name="message">The message; <see langword="null"/> builds one from the status, request and summary.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    protected GoCardlessApiException(GoCardlessError error, string? message, Exception? innerException)
        : base(message ?? BuildMessage(error), innerException)
    {
        Error = error;
    }

    /// <summary>Everything known about the failed call.</summary>
    public GoCardlessError Error { get; }

    /// <summary>The HTTP status, or <see langword="null"/> when no response was received.</summary>
    public HttpStatusCode? StatusCode => Error.StatusCode;

    /// <summary>The body's <c>summary</c>, if any.</summary>
    public string? Summary => Error.Summary;

    /// <summary>The body's <c>detail</c>, if any. It may quote request values (e.g. the reference): do not log it verbatim.</summary>
    public string? Detail => Error.Detail;

    /// <summary>The body's <c>type</c>, if any.</summary>
    public string? Type => Error.Type;

    /// <summary>The first 4 KB of the response body.</summary>
    public string? RawBody => Error.RawBody;

    /// <summary>The rate-limit headers of the failed response.</summary>
    public RateLimitInfo RateLimits => Error.RateLimits;

    /// <summary>Errors keyed by request field; empty when there were none.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<GoCardlessFieldError>> FieldErrors => Error.FieldErrors;

    private static string BuildMessage(GoCardlessError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var status = error.StatusCode is { } code ? $"{(int)code} {code}" : "no response";
        // Detail is left out on purpose: it can quote the requisition reference, which must not reach logs.
        var summary = string.IsNullOrEmpty(error.Summary) ? "" : $": {error.Summary}";
        return $"GoCardless {error.Request ?? "request"} failed ({status}){summary}";
    }
}
