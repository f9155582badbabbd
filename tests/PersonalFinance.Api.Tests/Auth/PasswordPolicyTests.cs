using System.Net;
using PersonalFinance.Api.Tests.Infrastructure;

namespace PersonalFinance.Api.Tests.Auth;

public sealed class PasswordPolicyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [Trait("Requirement", "S6")]
    [InlineData(8)]
    [InlineData(15)]
    [InlineData(64)]
    [InlineData(128)]
    public async Task Register_AcceptsPassword_WhenLengthIsWithinPolicy(int length)
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();
        var password = Password(length);

        using var response = await client.RegisterAsync(AuthEndpointsTests.NewUser("grace", password), TestApi.AdminToken, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var login = await client.LoginAsync("grace", password, Ct);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Theory]
    [Trait("Requirement", "S6")]
    [InlineData(7, "Password must be at least 8 characters.")]
    [InlineData(129, "Password must be at most 128 characters.")]
    public async Task Register_RefusesPassword_WhenLengthIsOutsidePolicy(int length, string message)
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();

        using var response = await client.RegisterAsync(AuthEndpointsTests.NewUser("grace", Password(length)), TestApi.AdminToken, Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, message);
        Assert.Equal(message, problem.Body.GetProperty("errors").GetProperty("password")[0].GetString());
        await using var db = api.CreateDbContext();
        Assert.Empty(db.Users);
    }

    [Theory]
    [Trait("Requirement", "S6")]
    [InlineData("password1")]
    [InlineData("qwerty123")]
    [InlineData("password")]
    public async Task Register_RefusesPassword_WhenItIsACommonPassword(string password)
    {
        Assert.Contains(password, await File.ReadAllLinesAsync(CommonPasswordsPath, Ct));
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();

        using var response = await client.RegisterAsync(AuthEndpointsTests.NewUser("grace", password), TestApi.AdminToken, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, "This password is too common. Choose a less predictable one.");
        await using var db = api.CreateDbContext();
        Assert.Empty(db.Users);
    }

    [Fact]
    [Trait("Requirement", "S6")]
    public async Task Register_AcceptsPasswordExactlyAsTyped_WhenItHasSpacesOrVariesFromACommonOne()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();
        const string Spaced = " correct horse battery staple ";

        using var spaced = await client.RegisterAsync(AuthEndpointsTests.NewUser("heidi", Spaced), TestApi.AdminToken, Ct);
        // No composition rules and no normalisation: a capitalised common password is a different password.
        using var capitalised = await client.RegisterAsync(AuthEndpointsTests.NewUser("ivan", "Password1"), TestApi.AdminToken, Ct);

        Assert.Equal(HttpStatusCode.Created, spaced.StatusCode);
        Assert.Equal(HttpStatusCode.Created, capitalised.StatusCode);
        using var exact = await client.LoginAsync("heidi", Spaced, Ct);
        Assert.Equal(HttpStatusCode.OK, exact.StatusCode);
        using var trimmed = await client.LoginAsync("heidi", Spaced.Trim(), Ct);
        await ProblemAssert.IsProblemAsync(trimmed, HttpStatusCode.Unauthorized, "Invalid credentials");
    }

    private static string CommonPasswordsPath =>
        Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "PersonalFinance.Api", "Auth", "common-passwords.txt");

    /// A password of the given length that is on no common-password list.
    internal static string Password(int length) => string.Concat(Enumerable.Repeat("kx7-Qm2v", (length / 8) + 1))[..length];
}
