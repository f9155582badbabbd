using System.Text;
using Microsoft.Extensions.Options;

namespace PersonalFinance.Api.Auth;

/// Section "Jwt": how access tokens are signed and checked.
internal sealed class JwtOptions
{
    public const string SectionName = "Jwt";
    public const int MinimumKeyBytes = 32;

    public string Issuer { get; set; } = "personalfinance";
    public string Audience { get; set; } = "personalfinance-api";

    /// HMAC-SHA256 key as text; its UTF-8 bytes must be at least 256 bits (RFC 7518 §3.2).
    public string? SigningKey { get; set; }
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    public byte[] SigningKeyBytes => Encoding.UTF8.GetBytes(SigningKey ?? string.Empty);
}

internal sealed class JwtOptionsValidator : IValidateOptions<JwtOptions>
{
    public ValidateOptionsResult Validate(string? name, JwtOptions options)
    {
        if (string.IsNullOrEmpty(options.SigningKey))
        {
            return ValidateOptionsResult.Fail("Jwt:SigningKey is missing: set Jwt__SigningKey (or JWT_SECRET_KEY) to a random value of at least 32 bytes.");
        }

        if (options.SigningKeyBytes.Length < JwtOptions.MinimumKeyBytes)
        {
            return ValidateOptionsResult.Fail($"Jwt:SigningKey is {options.SigningKeyBytes.Length} bytes: it must be at least {JwtOptions.MinimumKeyBytes} bytes (256 bits).");
        }

        if (string.IsNullOrWhiteSpace(options.Issuer) || string.IsNullOrWhiteSpace(options.Audience))
        {
            return ValidateOptionsResult.Fail("Jwt:Issuer and Jwt:Audience must not be empty.");
        }

        if (options.AccessTokenLifetime <= TimeSpan.Zero || options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromSeconds(30))
        {
            return ValidateOptionsResult.Fail("Jwt:AccessTokenLifetime must be positive and Jwt:ClockSkew between 0 and 30 seconds.");
        }

        return ValidateOptionsResult.Success;
    }
}
