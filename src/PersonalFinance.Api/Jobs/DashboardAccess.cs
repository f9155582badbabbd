using System.Net;
using System.Security.Cryptography;
using System.Text;
using Hangfire.Dashboard;

namespace PersonalFinance.Api.Jobs;

/// The Hangfire dashboard answers only a request that presents the admin token, or one from loopback in Development.
internal sealed class DashboardAccess(string? adminToken, bool allowLoopback) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => IsAllowed(context.GetHttpContext());

    public bool IsAllowed(HttpContext http)
    {
        if (allowLoopback && http.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address)
            && string.IsNullOrEmpty(http.Request.Headers["X-Forwarded-For"]))
        {
            return true;
        }

        if (string.IsNullOrEmpty(adminToken))
        {
            return false;
        }

        var header = http.Request.Headers.Authorization.ToString();
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
