using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PersonalFinance.Api.Tests.Infrastructure;

namespace PersonalFinance.Api.Tests.Auth;

public sealed class AuthEndpointsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_ReturnsTokenAndRefreshCookie_WhenCredentialsAreRight()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        var user = await api.CreateUserAsync("Alice", cancellationToken: Ct);
        using var client = api.CreateRawClient();

        using var response = await client.LoginAsync("  ALICE ", user.Password, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(900, body.GetProperty("expires_in").GetInt32());
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("refresh_token=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/auth", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);

        using var authed = api.CreateRawClient();
        authed.DefaultRequestHeaders.Authorization = new("Bearer", body.GetProperty("access_token").GetString());
        var me = await authed.GetFromJsonAsync<JsonElement>("/auth/me", Ct);
        Assert.Equal(user.Id, me.GetProperty("id").GetGuid());
        Assert.Equal("alice", me.GetProperty("username").GetString());
    }

    [Fact]
    public async Task Login_ReturnsSameProblem_ForUnknownUserAndWrongPassword()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();

        using var wrongPassword = await client.LoginAsync(user.Username, "not the password", Ct);
        using var unknownUser = await client.LoginAsync("nobody-here", "not the password", Ct);

        var first = await ProblemAssert.IsProblemAsync(wrongPassword, HttpStatusCode.Unauthorized, "Invalid credentials");
        var second = await ProblemAssert.IsProblemAsync(unknownUser, HttpStatusCode.Unauthorized, "Invalid credentials");
        Assert.Equal(first.Title, second.Title);
    }

    [Fact]
    public async Task Login_ReturnsValidationProblem_WhenPasswordMissing()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();

        using var response = await client.PostAsJsonAsync("/auth/login", new { username = "someone" }, Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.Body.GetProperty("errors").TryGetProperty("password", out _));
    }
}
