using System.Net;
using Hangfire.Dashboard;
using PersonalFinance.Api.Auth;

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

        return AdminToken.IsPresentedBy(http, adminToken);
    }
}
