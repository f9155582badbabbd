using System.Net;
using PersonalFinance.Api.Tests.Infrastructure;

namespace PersonalFinance.Api.Tests.Auth;

public sealed class RefreshCookieTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [Trait("Requirement", "S31")]
    [InlineData("Development", false)]
    [InlineData("Testing", true)]
    [InlineData("Production", true)]
    public async Task RefreshCookie_IsSecureEverywhereButDevelopment_OnLoginRefreshAndLogout(string environment, bool secure)
    {
        await using var api = await TestApi.StartAsync(o => o.Environment = environment, Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();

        using var login = await client.LoginAsync(user.Username, user.Password, Ct);
        var issued = SetCookie.Refresh(login);
        using var refresh = await client.RefreshAsync(issued.Value, Ct);
        var rotated = SetCookie.Refresh(refresh);
        using var logout = await client.LogoutAsync(rotated.Value, Ct);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        foreach (var cookie in new[] { issued, rotated })
        {
            Assert.Equal("refresh_token", cookie.Name);
            Assert.True(cookie.Has("httponly"));
            Assert.Equal("/auth", cookie["path"]);
            Assert.Equal("lax", cookie["samesite"]?.ToLowerInvariant());
            Assert.Equal(secure, cookie.Has("secure"));
            Assert.False(cookie.Has("domain"));
        }

        AuthEndpointsTests.AssertCleared(SetCookie.Refresh(logout), secure);
    }
}
