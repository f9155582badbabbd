namespace GoCardless.BankAccountData;

/// <summary>A parsed GoCardless result together with the rate-limit headers of the response that carried it.</summary>
/// <typeparam name="T">The parsed model.</typeparam>
/// <param name="Value">The parsed model.</param>
/// <param name="RateLimits">The rate-limit headers of the response (of the last page, for lists that follow pagination).</param>
public sealed record GoCardlessResponse<T>(T Value, RateLimitInfo RateLimits);
