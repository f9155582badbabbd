using System.Net;
using Microsoft.Extensions.Options;
using PersonalFinance.Api.Tests.Infrastructure;

namespace PersonalFinance.Api.Tests.Auth;

public sealed class JwtValidationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    [Trait("Requirement", "S7")]
    public async Task Me_AcceptsAHandMadeToken_WhenEverythingIsRight()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();

        using var response = await client.GetMeAsync(TestJwt.Create(TestJwt.Claims(user.Id, api.Clock.GetUtcNow())), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string> BadTokens => new()
    {
        "alg none",
        "HS384",
        "HS512",
        "wrong iss",
        "wrong aud",
        "expired",
        "future nbf",
        "no exp",
        "tampered payload",
        "no signature",
        "empty signature",
        "wrong key",
    };

    [Theory]
    [Trait("Requirement", "S7")]
    [MemberData(nameof(BadTokens))]
    public async Task Me_ReturnsUnauthorized_WhenTokenIsBad(string kind)
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        var other = await api.CreateUserAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();
        var now = api.Clock.GetUtcNow();
        var claims = TestJwt.Claims(user.Id, now);
        var token = kind switch
        {
            "alg none" => TestJwt.Create(claims, alg: "none"),
            "HS384" => TestJwt.Create(claims, alg: "HS384"),
            "HS512" => TestJwt.Create(claims, alg: "HS512"),
            "wrong iss" => TestJwt.Create(With(claims, "iss", "someone-else")),
            "wrong aud" => TestJwt.Create(With(claims, "aud", "another-api")),
            "expired" => TestJwt.Create(TestJwt.Claims(user.Id, now - TimeSpan.FromHours(2), TimeSpan.FromMinutes(15))),
            "future nbf" => TestJwt.Create(With(claims, "nbf", (now + TimeSpan.FromMinutes(5)).ToUnixTimeSeconds())),
            "no exp" => TestJwt.Create(Without(claims, "exp")),
            "tampered payload" => Tamper(TestJwt.Create(claims), TestJwt.Create(TestJwt.Claims(other.Id, now))),
            "no signature" => string.Join('.', TestJwt.Create(claims).Split('.')[..2]),
            "empty signature" => string.Join('.', TestJwt.Create(claims).Split('.')[..2]) + ".",
            "wrong key" => TestJwt.Create(claims, key: "another-signing-key-0123456789abcdef-0123456789"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        using var response = await client.GetMeAsync(token, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "Invalid or expired token");
        Assert.Contains(api.Logs.Entries, e => e.EventId.Id == 1006 && e.State.Any(p => p.Key == "ClientIp" && p.Value is "127.0.0.1"));
    }

    [Fact]
    [Trait("Requirement", "S9")]
    public async Task Me_ReturnsUnauthorized_WhenTokenExpired45SecondsAgo()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        using var client = api.CreateClient(user);
        using (var fresh = await client.GetAsync("/auth/me", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        api.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(45));
        using var response = await client.GetAsync("/auth/me", Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "Invalid or expired token");
    }

    [Theory]
    [Trait("Requirement", "S8")]
    [InlineData("Production", "0123456789012345678901234567890")]
    [InlineData("Production", "")]
    [InlineData("Testing", "0123456789012345678901234567890")]
    public async Task Start_FailsNamingTheSetting_WhenSigningKeyIsShorterThan256Bits(string environment, string key)
    {
        var exception = await StartupProbe.StartExpectingFailureAsync(environment, new Dictionary<string, string?> { ["Jwt:SigningKey"] = key }, Ct);

        var validation = Assert.IsType<OptionsValidationException>(exception);
        Assert.Contains("Jwt:SigningKey", validation.Message, StringComparison.Ordinal);
        if (key.Length > 0)
        {
            Assert.DoesNotContain(key, validation.Message, StringComparison.Ordinal);
        }
    }

    private static Dictionary<string, object> With(Dictionary<string, object> claims, string name, object value) => new(claims) { [name] = value };

    private static Dictionary<string, object> Without(Dictionary<string, object> claims, string name)
    {
        var copy = new Dictionary<string, object>(claims);
        copy.Remove(name);
        return copy;
    }

    /// The payload of <paramref name="other"/> under the header and signature of <paramref name="original"/>.
    private static string Tamper(string original, string other)
    {
        var parts = original.Split('.');
        return $"{parts[0]}.{other.Split('.')[1]}.{parts[2]}";
    }
}
