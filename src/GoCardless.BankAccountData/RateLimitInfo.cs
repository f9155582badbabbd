using System.Globalization;
using System.Net.Http.Headers;

namespace GoCardless.BankAccountData;

/// <summary>
/// The rate-limit headers of one GoCardless response. Every value is <see langword="null"/> when its header was absent or not an integer.
/// </summary>
/// <param name="Limit">General limit of the endpoint group (<c>http_x_ratelimit_limit</c>).</param>
/// <param name="Remaining">Calls left in the general window (<c>http_x_ratelimit_remaining</c>).</param>
/// <param name="ResetSeconds">Seconds until the general window resets (<c>http_x_ratelimit_reset</c>).</param>
/// <param name="AccountSuccessLimit">Successful calls allowed per account and scope per day (<c>http_x_ratelimit_account_success_limit</c>).</param>
/// <param name="AccountSuccessRemaining">Successful calls left for this account and scope (<c>http_x_ratelimit_account_success_remaining</c>).</param>
/// <param name="AccountSuccessResetSeconds">Seconds until one account-level call is freed (<c>http_x_ratelimit_account_success_reset</c>).</param>
public sealed record RateLimitInfo(
    int? Limit,
    int? Remaining,
    int? ResetSeconds,
    int? AccountSuccessLimit,
    int? AccountSuccessRemaining,
    int? AccountSuccessResetSeconds)
{
    /// <summary>No rate-limit information (no response, or a response without the headers).</summary>
    public static RateLimitInfo None { get; } = new(null, null, null, null, null, null);

    /// <summary>Whether any of the three account-level (<c>account_success</c>) headers was present.</summary>
    public bool HasAccountSuccessHeaders =>
        AccountSuccessLimit is not null || AccountSuccessRemaining is not null || AccountSuccessResetSeconds is not null;

    /// <summary>
    /// Reads the six headers, accepting both the underscore spelling GoCardless sends (<c>http_x_ratelimit_limit</c>) and the dashed
    /// spelling (<c>x-ratelimit-limit</c>); names are case-insensitive.
    /// </summary>
    /// <param name="headers">The response headers.</param>
    /// <returns>The parsed values; never <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="headers"/> is <see langword="null"/>.</exception>
    public static RateLimitInfo FromHeaders(HttpResponseHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return new RateLimitInfo(
            Read(headers, "limit"),
            Read(headers, "remaining"),
            Read(headers, "reset"),
            Read(headers, "account_success_limit"),
            Read(headers, "account_success_remaining"),
            Read(headers, "account_success_reset"));
    }

    private static int? Read(HttpResponseHeaders headers, string suffix)
    {
        return Parse(headers, "http_x_ratelimit_" + suffix)
            ?? Parse(headers, "x-ratelimit-" + suffix.Replace('_', '-'))
            ?? Parse(headers, "http-x-ratelimit-" + suffix.Replace('_', '-'))
            ?? Parse(headers, "x_ratelimit_" + suffix);
    }

    private static int? Parse(HttpResponseHeaders headers, string name)
    {
        if (!headers.TryGetValues(name, out var values))
        {
            return null;
        }

        foreach (var value in values)
        {
            var text = value.Trim();
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && real is >= int.MinValue and <= int.MaxValue)
            {
                return (int)Math.Ceiling(real);
            }
        }

        return null;
    }
}
