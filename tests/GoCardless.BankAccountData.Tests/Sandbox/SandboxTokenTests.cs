using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace GoCardless.BankAccountData.Tests.Sandbox;

public sealed class SandboxTokenTests
{
    private const string InvalidToken = """{"summary":"Invalid token","detail":"Token is invalid or expired","status_code":401}""";

    [Fact]
    public async Task NewToken_ReturnsJwtPairWithRealExpiry_WhenSecretsMatch()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var token = await sandbox.NewTokenAsync();

        Assert.Equal(86400, (int)token["access_expires"]!);
        Assert.Equal(2592000, (int)token["refresh_expires"]!);
        var access = Payload((string)token["access"]!);
        var refresh = Payload((string)token["refresh"]!);
        Assert.Equal("access", (string)access["token_type"]!);
        Assert.Equal("refresh", (string)refresh["token_type"]!);
        var now = SandboxHarness.Start.ToUnixTimeSeconds();
        Assert.Equal(now, (long)access["iat"]!);
        Assert.Equal(now + 86400, (long)access["exp"]!);
        Assert.Equal(now + 2592000, (long)refresh["exp"]!);
        Assert.Matches("^[0-9a-f]{32}$", (string)access["jti"]!);
        Assert.Equal("""{"alg":"HS256","typ":"JWT"}""", Decode(((string)token["access"]!).Split('.')[0]));
    }

    [Fact]
    public async Task NewToken_Returns401AuthenticationFailed_WhenSecretsAreWrong()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var reply = await sandbox.SendAsync(HttpMethod.Post, "api/v2/token/new/",
            new { secret_id = sandbox.Server.SecretId, secret_key = new string('0', 128) }, auth: false);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal("""{"summary":"Authentication failed","detail":"No active account found with the given credentials","status_code":401}""", reply.Body);
    }

    [Fact]
    public async Task NewToken_Returns400FieldList_WhenSecretsAreMissing()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var reply = await sandbox.SendAsync(HttpMethod.Post, "api/v2/token/new/", new { secret_key = "x" }, auth: false);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("""{"secret_id":["This field is required."],"status_code":400}""", reply.Body);
    }

    [Fact]
    public async Task NewToken_Returns400UnknownFields_WhenBodyHasExtraKey()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var reply = await sandbox.SendAsync(HttpMethod.Post, "api/v2/token/new/",
            new { secret_id = sandbox.Server.SecretId, secret_key = sandbox.Server.SecretKey, accountSelection = true }, auth: false);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("""{"summary":"Unknown fields","detail":"Unknown fields {'accountSelection'} in payload","status_code":400}""", reply.Body);
    }

    [Fact]
    public async Task NewToken_AcceptsAnyPair_WhenAcceptAnySecretsIsOn()
    {
        await using var sandbox = await SandboxHarness.StartAsync(o => o.AcceptAnySecrets = true);

        var reply = await sandbox.SendAsync(HttpMethod.Post, "api/v2/token/new/", new { secret_id = "a", secret_key = "b" }, auth: false);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("access", (string)Payload((string)reply.Json["access"]!)["token_type"]!);
    }

    [Fact]
    public async Task RefreshToken_ReturnsOnlyAccessAndExpiry_WhenRefreshIsValid()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var token = await sandbox.NewTokenAsync();
        sandbox.Time.Advance(TimeSpan.FromHours(30));

        var reply = await sandbox.SendAsync(HttpMethod.Post, "api/v2/token/refresh/", new { refresh = (string)token["refresh"]! }, auth: false);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var body = reply.Json.AsObject();
        Assert.Equal(["access", "access_expires"], body.Select(p => p.Key).ToArray());
        Assert.Equal(86400, (int)body["access_expires"]!);
        Assert.Equal(SandboxHarness.Start.AddHours(30).ToUnixTimeSeconds() + 86400, (long)Payload((string)body["access"]!)["exp"]!);
        var institutions = await sandbox.SendAsync(HttpMethod.Get, "api/v2/institutions/", token: (string)body["access"]!);
        Assert.Equal(HttpStatusCode.OK, institutions.Status);
        Assert.Equal(11, institutions.Json.AsArray().Count);
    }

    [Fact]
    public async Task RefreshToken_Returns401InvalidToken_WhenAccessTokenIsSent()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var token = await sandbox.NewTokenAsync();

        var reply = await sandbox.SendAsync(HttpMethod.Post, "api/v2/token/refresh/", new { refresh = (string)token["access"]! }, auth: false);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal(InvalidToken, reply.Body);
    }

    [Fact]
    public async Task RefreshToken_Returns401InvalidToken_WhenRefreshHasExpired()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var token = await sandbox.NewTokenAsync();
        var advanced = await sandbox.ControlAsync(HttpMethod.Post, "clock", new { advance_seconds = 2592000 });
        Assert.Equal(HttpStatusCode.OK, advanced.Status);

        var reply = await sandbox.SendAsync(HttpMethod.Post, "api/v2/token/refresh/", new { refresh = (string)token["refresh"]! }, auth: false);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal(InvalidToken, reply.Body);
    }

    [Fact]
    public async Task Bearer_Returns401InvalidToken_WhenAccessTokenHasExpired()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await sandbox.GetAsync("api/v2/institutions/")).Status);

        sandbox.Time.Advance(TimeSpan.FromSeconds(86400));
        var reply = await sandbox.GetAsync("api/v2/institutions/");

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal(InvalidToken, reply.Body);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0b2tlbl90eXBlIjoiYWNjZXNzIiwiZXhwIjo5OTk5OTk5OTk5fQ.c2lnbmF0dXJl")]
    public async Task Bearer_Returns401InvalidToken_WhenTokenIsMissingOrForged(string? token)
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var reply = token is null
            ? await sandbox.GetAsync("api/v2/requisitions/", auth: false)
            : await sandbox.SendAsync(HttpMethod.Get, "api/v2/requisitions/", token: token);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal(InvalidToken, reply.Body);
    }

    [Fact]
    public async Task Bearer_Returns401InvalidToken_WhenRefreshTokenIsUsedAsBearer()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var token = await sandbox.NewTokenAsync();

        var reply = await sandbox.SendAsync(HttpMethod.Get, "api/v2/institutions/", token: (string)token["refresh"]!);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal(InvalidToken, reply.Body);
    }

    private static JsonObject Payload(string jwt) => JsonNode.Parse(Decode(jwt.Split('.')[1]))!.AsObject();

    private static string Decode(string part)
    {
        var s = part.Replace('-', '+').Replace('_', '/');
        s += new string('=', (4 - (s.Length % 4)) % 4);
        return Encoding.UTF8.GetString(Convert.FromBase64String(s));
    }
}
