using System.Security.Cryptography;
using System.Text;

namespace PersonalFinance.Api.Auth;

/// The admin token (registration, the job dashboard), presented as a bearer token.
internal static class AdminToken
{
    /// Constant-time comparison of hashes, so neither the token nor its length leaks through timing.
    public static bool IsPresentedBy(HttpContext context, string? adminToken)
    {
        if (string.IsNullOrEmpty(adminToken))
        {
            return false;
        }

        var header = context.Request.Headers.Authorization.ToString();
        const string Prefix = "Bearer ";
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header[Prefix.Length..].Trim()));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(adminToken));
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }
}
