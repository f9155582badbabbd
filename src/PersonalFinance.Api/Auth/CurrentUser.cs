using System.Security.Claims;

namespace PersonalFinance.Api.Auth;

/// The authenticated caller, read from the validated access token's <c>sub</c> claim.
internal sealed class CurrentUser(IHttpContextAccessor accessor)
{
    public Guid Id =>
        Guid.TryParse(accessor.HttpContext?.User.FindFirstValue("sub"), out var id)
            ? id
            : throw new InvalidOperationException("CurrentUser is only available on endpoints that require authorization.");
}
