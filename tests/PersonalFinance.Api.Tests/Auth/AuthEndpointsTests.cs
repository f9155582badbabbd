using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Auth;
using PersonalFinance.Api.Tests.Infrastructure;

namespace PersonalFinance.Api.Tests.Auth;

public sealed class AuthEndpointsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // ---- login ----

    [Fact]
    [Trait("Requirement", "S9")]
    [Trait("Requirement", "S31")]
    public async Task Login_ReturnsTokenAndRefreshCookie_WhenCredentialsAreRight()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        var user = await api.CreateUserAsync("Alice", cancellationToken: Ct);
        using var client = api.CreateRawClient();

        using var response = await client.LoginAsync("  ALICE ", user.Password, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(900, body.GetProperty("expires_in").GetInt32());
        var accessToken = body.GetProperty("access_token").GetString()!;
        var claims = TestJwt.ReadPayload(accessToken);
        Assert.Equal(900, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
        Assert.Equal(api.Clock.GetUtcNow().ToUnixTimeSeconds(), claims.GetProperty("iat").GetInt64());
        Assert.Equal(user.Id.ToString(), claims.GetProperty("sub").GetString());
        Assert.Equal(TestJwt.Issuer, claims.GetProperty("iss").GetString());
        Assert.Equal(TestJwt.Audience, claims.GetProperty("aud").GetString());
        Assert.Equal("HS256", JsonDocument.Parse(TestJwt.Decode(accessToken.Split('.')[0])).RootElement.GetProperty("alg").GetString());

        var cookie = SetCookie.Refresh(response);
        Assert.True(cookie.Has("httponly"));
        Assert.True(cookie.Has("secure"));
        Assert.Equal("/auth", cookie["path"]);
        Assert.Equal("lax", cookie["samesite"]?.ToLowerInvariant());
        // 256 random bits, base64url: 43 characters.
        Assert.Equal(32, TestJwt.Decode(cookie.Value).Length);

        using var me = await client.GetMeAsync(accessToken, Ct);
        var meBody = await me.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(user.Id, meBody.GetProperty("id").GetGuid());
        Assert.Equal("alice", meBody.GetProperty("username").GetString());

        await using var db = api.CreateDbContext();
        var row = await db.RefreshTokens.SingleAsync(Ct);
        Assert.Equal(user.Id, row.UserId);
        Assert.Equal(api.Clock.GetUtcNow().UtcDateTime.AddDays(30), row.ExpiresAt);
    }

    [Fact]
    [Trait("Requirement", "S5")]
    public async Task Login_ReturnsSameProblem_ForUnknownUserAndWrongPassword()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();

        using var wrongPassword = await client.LoginAsync(user.Username, "not the password", Ct);
        using var unknownUser = await client.LoginAsync("nobody-here", "not the password", Ct);

        var first = await ProblemAssert.IsProblemAsync(wrongPassword, HttpStatusCode.Unauthorized, "Invalid credentials");
        var second = await ProblemAssert.IsProblemAsync(unknownUser, HttpStatusCode.Unauthorized, "Invalid credentials");
        Assert.Equal(WithoutTraceId(first.Body), WithoutTraceId(second.Body));
        Assert.False(wrongPassword.Headers.Contains("Set-Cookie"));
        Assert.False(unknownUser.Headers.Contains("Set-Cookie"));
        await using var db = api.CreateDbContext();
        Assert.Equal(0, await db.RefreshTokens.CountAsync(Ct));
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

    public static TheoryData<string, string> InvalidLoginBodies => new()
    {
        { """{"password":"correct horse battery"}""", "username" },
        { """{"username":"","password":"correct horse battery"}""", "username" },
        { $$"""{"username":"{{new string('a', 257)}}","password":"correct horse battery"}""", "username" },
        { """{"username":"alice","password":""}""", "password" },
        { $$"""{"username":"alice","password":"{{new string('p', 129)}}"}""", "password" },
    };

    [Theory]
    [MemberData(nameof(InvalidLoginBodies))]
    public async Task Login_ReturnsValidationProblem_WhenFieldIsMissingOrOutOfRange(string json, string field)
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        await api.CreateUserAsync("alice", cancellationToken: Ct);
        using var client = api.CreateRawClient();

        using var response = await client.PostAsync("/auth/login", new StringContent(json, Encoding.UTF8, "application/json"), Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("One or more validation errors occurred.", problem.Title);
        Assert.True(problem.Body.GetProperty("errors").TryGetProperty(field, out _), problem.Body.ToString());
        await using var db = api.CreateDbContext();
        Assert.Equal(0, await db.RefreshTokens.CountAsync(Ct));
        Assert.Equal(0, await db.LoginThrottles.CountAsync(Ct));
    }

    [Fact]
    public async Task Login_ReturnsValidationProblem_WhenJsonIsMalformed()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();

        using var response = await client.PostAsync("/auth/login", new StringContent("""{"username": "alice", """, Encoding.UTF8, "application/json"), Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, "The request body is not valid JSON for this endpoint.");
        Assert.True(problem.Body.TryGetProperty("errors", out _));
    }

    // ---- refresh ----

    [Fact]
    [Trait("Requirement", "S10")]
    [Trait("Requirement", "S31")]
    public async Task Refresh_RotatesTheToken_WhenCookieIsValid()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();
        var (_, first) = await client.SignInAsync(user, Ct);
        api.Clock.Advance(TimeSpan.FromMinutes(5));

        using var response = await client.RefreshAsync(first, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(900, body.GetProperty("expires_in").GetInt32());
        var cookie = SetCookie.Refresh(response);
        Assert.NotEqual(first, cookie.Value);
        Assert.True(cookie.Has("httponly"));
        Assert.True(cookie.Has("secure"));
        Assert.Equal("/auth", cookie["path"]);
        Assert.Equal("lax", cookie["samesite"]?.ToLowerInvariant());
        using var me = await client.GetMeAsync(body.GetProperty("access_token").GetString(), Ct);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);

        // The new token works; the old one, past the grace window, does not.
        api.Clock.Advance(TimeSpan.FromSeconds(11));
        using var second = await client.RefreshAsync(cookie.Value, Ct);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        using var old = await client.RefreshAsync(first, Ct);
        await ProblemAssert.IsProblemAsync(old, HttpStatusCode.Unauthorized, "Token has been revoked");

        await using var db = api.CreateDbContext();
        var rows = await db.RefreshTokens.AsNoTracking().ToListAsync(Ct);
        Assert.Equal(3, rows.Count);
        Assert.Single(rows.Select(r => r.FamilyId).Distinct());
        Assert.DoesNotContain(rows, r => r.TokenHash == first || r.TokenHash == cookie.Value);
        Assert.Contains(rows, r => r.TokenHash == RefreshTokenService.Hash(first));
    }

    [Fact]
    public async Task Refresh_ReturnsUnauthorized_WhenCookieIsMissing()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();

        using var response = await client.RefreshAsync(null, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "Refresh token required");
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Refresh_ReturnsUnauthorized_WhenTokenIsUnknown()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();
        await client.SignInAsync(user, Ct);

        using var response = await client.RefreshAsync("not-a-token-we-issued", Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "Invalid refresh token");
        await using var db = api.CreateDbContext();
        Assert.Null((await db.RefreshTokens.SingleAsync(Ct)).RevokedAt);
    }

    [Fact]
    [Trait("Requirement", "S30")]
    public async Task Refresh_ReturnsUnauthorizedAndClearsCookie_WhenTokenExpired()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();
        var (_, token) = await client.SignInAsync(user, Ct);
        api.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));

        using var response = await client.RefreshAsync(token, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "Refresh token expired");
        AssertCleared(SetCookie.Refresh(response), secure: true);
        var logged = Assert.Single(api.Logs.Entries, e => e.EventId.Id == 1004);
        Assert.Contains(logged.State, p => p.Key == "UserId" && Equals(p.Value, user.Id));
        Assert.Contains(logged.State, p => p.Key == "ClientIp" && p.Value is "127.0.0.1");
    }

    [Fact]
    [Trait("Requirement", "S10")]
    public async Task Refresh_EndsTheFamilyThirtyDaysAfterLogin_WhenRotatedOften()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();
        var (_, token) = await client.SignInAsync(user, Ct);
        for (var day = 0; day < 3; day++)
        {
            api.Clock.Advance(TimeSpan.FromDays(9));
            using var rotated = await client.RefreshAsync(token, Ct);
            Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
            token = SetCookie.Refresh(rotated).Value;
        }

        api.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromSeconds(1));
        using var response = await client.RefreshAsync(token, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "Refresh token expired");
    }

    [Fact]
    [Trait("Requirement", "S10")]
    [Trait("Requirement", "S30")]
    public async Task Refresh_RevokesTheWholeFamilyAndClearsCookie_WhenRotatedTokenIsReused()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();
        var (_, a) = await client.SignInAsync(user, Ct);
        var (_, otherSession) = await client.SignInAsync(user, Ct);
        using var rotated = await client.RefreshAsync(a, Ct);
        var b = SetCookie.Refresh(rotated).Value;
        api.Clock.Advance(TimeSpan.FromSeconds(11));

        using var reuse = await client.RefreshAsync(a, Ct);

        await ProblemAssert.IsProblemAsync(reuse, HttpStatusCode.Unauthorized, "Token has been revoked");
        AssertCleared(SetCookie.Refresh(reuse), secure: true);
        using var descendant = await client.RefreshAsync(b, Ct);
        await ProblemAssert.IsProblemAsync(descendant, HttpStatusCode.Unauthorized, "Token has been revoked");
        AssertCleared(SetCookie.Refresh(descendant), secure: true);

        await using var db = api.CreateDbContext();
        var family = await db.RefreshTokens.AsNoTracking().Where(t => t.TokenHash == RefreshTokenService.Hash(a)).Select(t => t.FamilyId).SingleAsync(Ct);
        Assert.All(await db.RefreshTokens.Where(t => t.FamilyId == family).ToListAsync(Ct), t => Assert.NotNull(t.RevokedAt));
        // Another login of the same user is a different family and keeps working.
        using var other = await client.RefreshAsync(otherSession, Ct);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);

        var reuseLog = Assert.Single(api.Logs.Entries, e => e.EventId.Id == 1003);
        Assert.Equal(LogLevel.Warning, reuseLog.Level);
        Assert.Contains(reuseLog.State, p => p.Key == "UserId" && Equals(p.Value, user.Id));
        Assert.Contains(reuseLog.State, p => p.Key == "ClientIp" && p.Value is "127.0.0.1" or "::1");
    }

    [Fact]
    [Trait("Requirement", "S11")]
    public async Task Refresh_SucceedsForBoth_WhenTwoRefreshesWithOneCookieRace()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();
        var (_, token) = await client.SignInAsync(user, Ct);

        var responses = await Task.WhenAll(client.RefreshAsync(token, Ct), client.RefreshAsync(token, Ct));

        try
        {
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            var newTokens = responses.Select(r => SetCookie.Refresh(r).Value).ToList();
            Assert.Equal(2, newTokens.Distinct().Count());
            foreach (var response in responses)
            {
                using var me = await client.GetMeAsync(await response.AccessTokenAsync(Ct), Ct);
                Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            }

            api.Clock.Advance(TimeSpan.FromMinutes(1));
            foreach (var newToken in newTokens)
            {
                using var next = await client.RefreshAsync(newToken, Ct);
                Assert.Equal(HttpStatusCode.OK, next.StatusCode);
            }
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }

        await using var db = api.CreateDbContext();
        Assert.Equal(2, await db.RefreshTokens.CountAsync(t => t.RevokedAt == null, Ct));
    }

    [Fact]
    [Trait("Requirement", "S11")]
    public async Task Refresh_Succeeds_WhenRotatedTokenIsPresentedAgainWithinGraceWindow()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();
        var (_, token) = await client.SignInAsync(user, Ct);
        using var first = await client.RefreshAsync(token, Ct);
        api.Clock.Advance(TimeSpan.FromSeconds(9));

        using var second = await client.RefreshAsync(token, Ct);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        using var fromFirst = await client.RefreshAsync(SetCookie.Refresh(first).Value, Ct);
        Assert.Equal(HttpStatusCode.OK, fromFirst.StatusCode);
        using var fromSecond = await client.RefreshAsync(SetCookie.Refresh(second).Value, Ct);
        Assert.Equal(HttpStatusCode.OK, fromSecond.StatusCode);
    }

    // ---- logout and password changes ----

    [Fact]
    [Trait("Requirement", "S12")]
    public async Task Logout_RevokesFamilyAndClearsCookieWithSameAttributes_WhenCookiePresent()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();
        var (_, a) = await client.SignInAsync(user, Ct);
        using var rotated = await client.RefreshAsync(a, Ct);
        var b = SetCookie.Refresh(rotated).Value;

        using var response = await client.LogoutAsync(b, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("ok").GetBoolean());
        AssertCleared(SetCookie.Refresh(response), secure: true);
        using var refresh = await client.RefreshAsync(b, Ct);
        await ProblemAssert.IsProblemAsync(refresh, HttpStatusCode.Unauthorized, "Token has been revoked");
        using var older = await client.RefreshAsync(a, Ct);
        await ProblemAssert.IsProblemAsync(older, HttpStatusCode.Unauthorized, "Token has been revoked");
        await using var db = api.CreateDbContext();
        Assert.Equal(0, await db.RefreshTokens.CountAsync(t => t.RevokedAt == null, Ct));
    }

    [Fact]
    public async Task Logout_ReturnsOkAndClearsCookie_WhenNoCookie()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();

        using var response = await client.LogoutAsync(null, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("ok").GetBoolean());
        AssertCleared(SetCookie.Refresh(response), secure: true);
    }

    [Fact]
    [Trait("Requirement", "S12")]
    public async Task SetPassword_RevokesEveryRefreshTokenOfTheUser_WhenPasswordChanges()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        var bystander = await api.CreateUserAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();
        var (_, first) = await client.SignInAsync(user, Ct);
        var (_, second) = await client.SignInAsync(user, Ct);
        var (_, bystanderToken) = await client.SignInAsync(bystander, Ct);

        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PersonalFinance.Api.Data.AppDbContext>();
            var row = await db.Users.SingleAsync(u => u.Id == user.Id, Ct);
            await scope.ServiceProvider.GetRequiredService<UserAccounts>().SetPasswordAsync(row, "a brand new passphrase", Ct);
        }

        foreach (var token in new[] { first, second })
        {
            using var refresh = await client.RefreshAsync(token, Ct);
            await ProblemAssert.IsProblemAsync(refresh, HttpStatusCode.Unauthorized, "Token has been revoked");
        }

        using var bystanderRefresh = await client.RefreshAsync(bystanderToken, Ct);
        Assert.Equal(HttpStatusCode.OK, bystanderRefresh.StatusCode);
        using var oldPassword = await client.LoginAsync(user.Username, user.Password, Ct);
        await ProblemAssert.IsProblemAsync(oldPassword, HttpStatusCode.Unauthorized, "Invalid credentials");
        using var newPassword = await client.LoginAsync(user.Username, "a brand new passphrase", Ct);
        Assert.Equal(HttpStatusCode.OK, newPassword.StatusCode);
    }

    // ---- me ----

    [Fact]
    public async Task Me_ReturnsTheCaller_WhenTokenIsValid()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        var user = await api.CreateUserAsync("bob", cancellationToken: Ct);
        using var client = api.CreateClient(user);

        using var response = await client.GetAsync("/auth/me", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(user.Id, body.GetProperty("id").GetGuid());
        Assert.Equal("bob", body.GetProperty("username").GetString());
        Assert.Equal("Test", body.GetProperty("first_name").GetString());
        Assert.Equal("User", body.GetProperty("last_name").GetString());
    }

    [Fact]
    public async Task Me_ReturnsNotAuthenticated_WhenNoToken()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();

        using var response = await client.GetMeAsync(null, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "Not authenticated");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl")]
    public async Task Me_ReturnsInvalidOrExpiredToken_WhenTokenIsBad(string token)
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();

        using var response = await client.GetMeAsync(token, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "Invalid or expired token");
    }

    [Fact]
    public async Task Me_ReturnsInvalidOrExpiredToken_WhenUserNoLongerExists()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();

        using var response = await client.GetMeAsync(api.IssueAccessToken(Guid.NewGuid()), Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "Invalid or expired token");
    }

    // ---- register ----

    [Fact]
    [Trait("Requirement", "S32")]
    public async Task Register_CreatesUser_WhenAdminTokenIsRight()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();

        using var response = await client.RegisterAsync(NewUser(" Carol "), TestApi.AdminToken, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal("carol", body.GetProperty("username").GetString());
        Assert.Equal("Carol", body.GetProperty("first_name").GetString());
        Assert.Equal("Example", body.GetProperty("last_name").GetString());
        Assert.False(body.TryGetProperty("password_hash", out _));
        await using var db = api.CreateDbContext();
        var row = await db.Users.SingleAsync(Ct);
        Assert.Equal(id, row.Id);
        Assert.NotEqual("a fine long passphrase", row.PasswordHash);
        using var login = await client.LoginAsync("CAROL", "a fine long passphrase", Ct);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Theory]
    [Trait("Requirement", "S32")]
    [InlineData(null)]
    [InlineData("wrong-admin-token-0123456789")]
    [InlineData("test-admin-token-012345678")]
    [InlineData("")]
    public async Task Register_ReturnsUnauthorized_WhenAdminTokenIsMissingOrWrong(string? adminToken)
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();

        using var response = await client.RegisterAsync(NewUser("mallory"), adminToken, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "A valid admin token is required to register users.");
        await using var db = api.CreateDbContext();
        Assert.Equal(0, await db.Users.CountAsync(Ct));
        Assert.Contains(api.Logs.Entries, e => e.EventId.Id == 1005);
    }

    [Fact]
    [Trait("Requirement", "S32")]
    public async Task Register_ReturnsUnauthorized_WhenNoAdminTokenIsConfigured()
    {
        await using var api = await TestApi.StartAsync(o => o.Settings["Auth:AdminToken"] = "", Ct);
        using var client = api.CreateRawClient();

        using var withToken = await client.RegisterAsync(NewUser("mallory"), TestApi.AdminToken, Ct);
        using var withEmptyToken = await client.RegisterAsync(NewUser("mallory"), "", Ct);

        await ProblemAssert.IsProblemAsync(withToken, HttpStatusCode.Unauthorized, "A valid admin token is required to register users.");
        await ProblemAssert.IsProblemAsync(withEmptyToken, HttpStatusCode.Unauthorized, "A valid admin token is required to register users.");
        await using var db = api.CreateDbContext();
        Assert.Equal(0, await db.Users.CountAsync(Ct));
    }

    [Fact]
    [Trait("Requirement", "S32")]
    public async Task Register_ReturnsUnauthorized_WhenAdminTokenMissingAndBodyIsInvalid()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();

        using var response = await client.RegisterAsync(new { username = "x", password = "short" }, null, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "A valid admin token is required to register users.");
    }

    [Fact]
    public async Task Register_ReturnsConflict_WhenUsernameExists()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        var existing = await api.CreateUserAsync("dave", cancellationToken: Ct);
        using var client = api.CreateRawClient();

        using var response = await client.RegisterAsync(NewUser(" DAVE"), TestApi.AdminToken, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "Username already exists");
        await using var db = api.CreateDbContext();
        var row = await db.Users.SingleAsync(Ct);
        Assert.Equal(existing.Id, row.Id);
    }

    public static TheoryData<string, string, string> InvalidRegistrations => new()
    {
        { "ab", "a fine long passphrase", "username" },
        { "   ab   ", "a fine long passphrase", "username" },
        { new string('u', 51), "a fine long passphrase", "username" },
        { "erin", "seven77", "password" },
        { "erin", new string('p', 129), "password" },
        { "erin", "password1", "password" },
    };

    [Theory]
    [MemberData(nameof(InvalidRegistrations))]
    public async Task Register_ReturnsValidationProblem_WhenUsernameOrPasswordBreaksTheRules(string username, string password, string field)
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();

        using var response = await client.RegisterAsync(
            new { username, password, first_name = "Erin", last_name = "Example" }, TestApi.AdminToken, Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        var errors = problem.Body.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), problem.Body.ToString());
        await using var db = api.CreateDbContext();
        Assert.Equal(0, await db.Users.CountAsync(Ct));
    }

    [Fact]
    public async Task Register_ReturnsValidationProblem_WhenNamesAreMissing()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();

        using var response = await client.RegisterAsync(new { username = "frank", password = "a fine long passphrase" }, TestApi.AdminToken, Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        var errors = problem.Body.GetProperty("errors");
        Assert.True(errors.TryGetProperty("first_name", out _), problem.Body.ToString());
        Assert.True(errors.TryGetProperty("last_name", out _), problem.Body.ToString());
        await using var db = api.CreateDbContext();
        Assert.Equal(0, await db.Users.CountAsync(Ct));
    }

    internal static object NewUser(string username, string password = "a fine long passphrase") =>
        new { username, password, first_name = "Carol", last_name = "Example" };

    internal static void AssertCleared(SetCookie cookie, bool secure)
    {
        Assert.Equal(string.Empty, cookie.Value);
        Assert.Equal("Thu, 01 Jan 1970 00:00:00 GMT", cookie["expires"]);
        Assert.True(cookie.Has("httponly"));
        Assert.Equal(secure, cookie.Has("secure"));
        Assert.Equal("/auth", cookie["path"]);
        Assert.Equal("lax", cookie["samesite"]?.ToLowerInvariant());
    }

    internal static string WithoutTraceId(JsonElement body) =>
        JsonSerializer.Serialize(body.EnumerateObject().Where(p => p.Name is not ("traceId" or "trace_id")).ToDictionary(p => p.Name, p => p.Value));
}
