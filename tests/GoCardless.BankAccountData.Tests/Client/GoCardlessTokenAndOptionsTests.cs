using System.Net;
using GoCardless.BankAccountData.Tests.Client.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GoCardless.BankAccountData.Tests.Client;

public sealed class GoCardlessTokenAndOptionsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ClientHarness ServeInstitution(Action<GoCardlessOptions>? configure = null)
    {
        var harness = ClientHarness.Create(configure);
        harness.Handler.Responder = (_, _) => Task.FromResult(Responses.Recorded(HttpStatusCode.OK, "institution-sandbox.json"));
        return harness;
    }

    [Fact]
    public async Task Token_ExpiresByJwtExp_WhenExpEarlierThanAccessExpires()
    {
        await using var harness = ServeInstitution();
        harness.Handler.TokenResponder = (request, _) => Task.FromResult<HttpResponseMessage?>(request.Path == "token/new/"
            ? Responses.Json(
                HttpStatusCode.OK,
                $$"""{"access":"{{harness.Handler.IssueJwt("access", 600)}}","access_expires":86400,"refresh":"{{harness.Handler.IssueJwt("refresh", 2592000)}}","refresh_expires":2592000}""")
            : null);

        var start = harness.Clock.GetUtcNow();
        await harness.Client.GetInstitutionAsync("SANDBOXFINANCE_SFIN0000", Token);
        Assert.Equal(start.AddSeconds(600).ToUnixTimeSeconds(), harness.Tokens.Current!.AccessExpiresAt.ToUnixTimeSeconds());
        harness.Clock.Advance(TimeSpan.FromSeconds(541));
        await harness.Client.GetInstitutionAsync("SANDBOXFINANCE_SFIN0000", Token);

        Assert.Equal(1, harness.Handler.Count("POST", "token/refresh/"));
    }

    [Fact]
    public async Task Token_IsUsedUntilSixtySecondsBeforeExpiry_ThenRefreshed()
    {
        await using var harness = ServeInstitution();
        harness.Handler.AccessLifetimeSeconds = 3600;

        await harness.Client.GetInstitutionAsync("SANDBOXFINANCE_SFIN0000", Token);
        harness.Clock.Advance(TimeSpan.FromSeconds(3539));
        await harness.Client.GetInstitutionAsync("SANDBOXFINANCE_SFIN0000", Token);
        Assert.Equal(0, harness.Handler.Count("POST", "token/refresh/"));
        harness.Clock.Advance(TimeSpan.FromSeconds(2));
        await harness.Client.GetInstitutionAsync("SANDBOXFINANCE_SFIN0000", Token);

        Assert.Equal(1, harness.Handler.Count("POST", "token/new/"));
        var refresh = Assert.Single(harness.Handler.Requests, r => r.Path == "token/refresh/");
        Assert.Null(refresh.Authorization);
        Assert.Contains("\"refresh\":", refresh.Body, StringComparison.Ordinal);
        Assert.NotNull(harness.Tokens.Current?.RefreshToken);
    }

    [Fact]
    public async Task InvalidToken_ReplaysPostWithSameBodyOnce_ThenThrowsTokenInvalid()
    {
        await using var harness = ClientHarness.Create();
        harness.Handler.Responder = (_, _) => Task.FromResult(Responses.Recorded(HttpStatusCode.Unauthorized, "401-invalid-token.json"));

        await Assert.ThrowsAsync<GoCardlessTokenInvalidException>(() => harness.Client.CreateAgreementAsync(
            new CreateAgreementRequest { InstitutionId = "SANDBOXFINANCE_SFIN0000" }, Token));

        var posts = harness.Handler.DataRequests;
        Assert.Equal(2, posts.Count);
        Assert.Equal(posts[0].Body, posts[1].Body);
        Assert.NotEqual(posts[0].Authorization, posts[1].Authorization);
        Assert.Equal(1, harness.Handler.Count("POST", "token/refresh/"));
    }

    [Fact]
    public async Task TokensChanged_ReportsNewPair_AndRestoreSparesTokenNew()
    {
        GoCardlessTokens? saved = null;
        await using (var first = ServeInstitution())
        {
            first.Tokens.TokensChanged += (_, e) => saved = e.Tokens;
            await first.Client.GetInstitutionAsync("SANDBOXFINANCE_SFIN0000", Token);
        }

        Assert.NotNull(saved);
        await using var second = ServeInstitution();
        second.Tokens.Restore(saved);
        await second.Client.GetInstitutionAsync("SANDBOXFINANCE_SFIN0000", Token);

        Assert.Equal(0, second.Handler.Count("POST", "token/new/"));
        Assert.Equal($"Bearer {saved.AccessToken}", second.Handler.DataRequests[0].Authorization);
    }

    [Fact]
    public void Tokens_ToString_HidesTokens()
    {
        var tokens = new GoCardlessTokens("secret-access", DateTimeOffset.UnixEpoch, "secret-refresh", null);

        Assert.DoesNotContain("secret", tokens.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://bankaccountdata.gocardless.com/api/v2", "must end with '/'")]
    [InlineData("ftp://bankaccountdata.gocardless.com/api/v2/", "absolute http(s)")]
    public void Options_FailValidation_WhenBaseAddressWrong(string baseAddress, string message)
    {
        var services = new ServiceCollection();
        services.AddGoCardlessBankAccountData(o =>
        {
            o.SecretId = "id";
            o.SecretKey = "key";
            o.BaseAddress = new Uri(baseAddress);
        });
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<GoCardlessOptions>>().Value);

        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_FailValidation_WhenSecretsMissingOrTimeoutsInconsistent()
    {
        var services = new ServiceCollection();
        services.AddGoCardlessBankAccountData(o =>
        {
            o.AttemptTimeout = TimeSpan.FromMinutes(5);
            o.TotalTimeout = TimeSpan.FromMinutes(1);
        });
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<GoCardlessOptions>>().Value);

        Assert.Contains("SecretId is required", exception.Message, StringComparison.Ordinal);
        Assert.Contains("SecretKey is required", exception.Message, StringComparison.Ordinal);
        Assert.Contains("TotalTimeout must be at least AttemptTimeout", exception.Message, StringComparison.Ordinal);
    }
}
