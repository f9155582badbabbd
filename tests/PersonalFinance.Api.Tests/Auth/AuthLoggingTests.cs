using System.Net;
using System.Net.Http.Json;
using PersonalFinance.Api.Tests.Infrastructure;

namespace PersonalFinance.Api.Tests.Auth;

public sealed class AuthLoggingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    [Trait("Requirement", "S30")]
    public async Task AuthFailures_AreLoggedWithUserIdAndClientIpUnderFixedEventIds()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();

        using (await client.LoginAsync(user.Username, "not the password", Ct))
        using (await client.LoginAsync("nobody-here", "not the password", Ct))
        using (await client.GetMeAsync("not-a-jwt", Ct))
        using (await client.RegisterAsync(AuthEndpointsTests.NewUser("mallory"), "wrong-admin-token-0123456789", Ct))
        using (await client.RefreshAsync("not-a-token-we-issued", Ct))
        {
        }

        var (_, a) = await client.SignInAsync(user, Ct);
        using (await client.RefreshAsync(a, Ct))
        {
        }

        api.Clock.Advance(TimeSpan.FromSeconds(11));
        using (await client.RefreshAsync(a, Ct))
        {
        }

        var failedLogins = api.Logs.Entries.Where(e => e.EventId.Id == 1001).ToList();
        Assert.Equal(2, failedLogins.Count);
        Assert.Contains(failedLogins, e => Property(e, "UserId") is Guid id && id == user.Id);
        Assert.Contains(failedLogins, e => Property(e, "UserId") is null);
        AssertEvent(api, 1006, userId: null);
        AssertEvent(api, 1005, userId: null);
        AssertEvent(api, 1004, userId: null);
        AssertEvent(api, 1003, userId: user.Id);
        Assert.All(failedLogins, e => Assert.Equal("127.0.0.1", Property(e, "ClientIp")));
    }

    [Fact]
    [Trait("Requirement", "S30")]
    public async Task Register_LogsNoAccessTokenRejection_WhenTheAdminTokenIsPresented()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();

        using var created = await client.RegisterAsync(AuthEndpointsTests.NewUser("nina"), TestApi.AdminToken, Ct);
        using var refused = await client.RegisterAsync(AuthEndpointsTests.NewUser("mallory"), "wrong-admin-token-0123456789", Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Unauthorized, "A valid admin token is required to register users.");
        Assert.DoesNotContain(api.Logs.Entries, e => e.EventId.Id == 1006);
        AssertEvent(api, 1005, userId: null);
    }

    [Fact]
    [Trait("Requirement", "S25")]
    public async Task AuthFlows_NeverLogSecrets_WhenEverythingIsCapturedAtTrace()
    {
        await using var api = await TestApi.StartAsync(o =>
        {
            o.Settings["Logging:LogLevel:Default"] = "Trace";
            o.Settings["Logging:LogLevel:Microsoft"] = "Trace";
            o.Settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace";
            o.Settings["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace";
        }, Ct);
        using var client = api.CreateRawClient();
        var secrets = new List<string> { TestApi.AdminToken, TestApi.SigningKey, "wrong-admin-token-0123456789", "a fine long passphrase", "wrong password 42" };

        using (var register = await client.RegisterAsync(AuthEndpointsTests.NewUser("logan"), TestApi.AdminToken, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        }

        using (await client.RegisterAsync(AuthEndpointsTests.NewUser("mallory"), "wrong-admin-token-0123456789", Ct))
        using (await client.LoginAsync("logan", "wrong password 42", Ct))
        {
        }

        var user = new TestUser(Guid.Empty, "logan", "a fine long passphrase");
        var (access, first) = await client.SignInAsync(user, Ct);
        using var rotated = await client.RefreshAsync(first, Ct);
        var second = SetCookie.Refresh(rotated).Value;
        var secondAccess = await rotated.AccessTokenAsync(Ct);
        using (await client.GetMeAsync(access, Ct))
        using (await client.GetMeAsync(access[..^4] + "AAAA", Ct))
        {
        }

        api.Clock.Advance(TimeSpan.FromSeconds(11));
        using (await client.RefreshAsync(first, Ct))
        using (await client.LogoutAsync(second, Ct))
        using (await client.PostAsJsonAsync("/auth/login", new { username = "logan", password = "x".PadRight(200, 'y') }, Ct))
        {
        }

        secrets.AddRange([access, secondAccess, first, second, "x".PadRight(200, 'y')]);
        // The signature and the payload of each token are secrets on their own too.
        secrets.AddRange(new[] { access, secondAccess }.SelectMany(t => t.Split('.')[1..]));
        Assert.True(api.Logs.Entries.Count > 20, "Expected framework logs at Trace to be captured.");
        foreach (var entry in api.Logs.Entries)
        {
            var texts = new[] { entry.Message, entry.Exception ?? string.Empty }
                .Concat(entry.State.Select(p => Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty));
            foreach (var text in texts)
            {
                foreach (var secret in secrets)
                {
                    Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{entry.Category}[{entry.EventId.Id}] logged a secret: {text}");
                }
            }
        }
    }

    private static void AssertEvent(TestApi api, int eventId, Guid? userId)
    {
        var matching = api.Logs.Entries.Where(e => e.EventId.Id == eventId).ToList();
        Assert.True(matching.Count == 1, $"{eventId}: {string.Join(" / ", matching.Select(m => m.Message))}");
        var entry = matching[0];
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal("127.0.0.1", Property(entry, "ClientIp"));
        if (userId is not null)
        {
            Assert.Equal(userId, Property(entry, "UserId"));
        }
    }

    private static object? Property(CapturedLog entry, string name) => entry.State.FirstOrDefault(p => p.Key == name).Value;
}
