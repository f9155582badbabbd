using Microsoft.Extensions.Options;

namespace PersonalFinance.Api.Auth;

/// Section "Auth": sign-in, refresh-token and registration rules.
internal sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// Guards POST /auth/register. Without one, registration is refused.
    public string? AdminToken { get; set; }
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// Two tabs refreshing with one cookie at the same moment must not log the user out.
    public TimeSpan RefreshReuseGraceWindow { get; set; } = TimeSpan.FromSeconds(10);
    public int MaxFailedLogins { get; set; } = 10;
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(30);
    public int PasswordHashIterations { get; set; } = 210_000;

    /// One hash costs ~90 ms of CPU, so concurrent hashing is capped (default: one per core).
    public int HashConcurrency { get; set; } = Environment.ProcessorCount;

    /// Requests per client IP per window on /auth/login, /auth/refresh and /auth/register.
    public int RateLimitPermits { get; set; } = 10;
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);
}

internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        if (options.PasswordHashIterations < 210_000)
        {
            return ValidateOptionsResult.Fail("Auth:PasswordHashIterations must be at least 210000 (OWASP ASVS 5.0).");
        }

        if (options.HashConcurrency < 1 || options.RateLimitPermits < 1 || options.RateLimitWindow <= TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail("Auth:HashConcurrency, Auth:RateLimitPermits and Auth:RateLimitWindow must be positive.");
        }

        if (options.AdminToken is { Length: > 0 and < 16 })
        {
            return ValidateOptionsResult.Fail("Auth:AdminToken (ADMIN_TOKEN) must be at least 16 characters.");
        }

        return ValidateOptionsResult.Success;
    }
}
