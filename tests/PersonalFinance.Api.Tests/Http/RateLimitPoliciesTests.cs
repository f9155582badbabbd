using System.Net;
using System.Net.Http.Json;
using PersonalFinance.Api.Tests.Infrastructure;

namespace PersonalFinance.Api.Tests.Http;

public sealed class RateLimitPoliciesTests
{
    private const int Permits = 5;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    [Trait("Requirement", "S4")]
    public async Task Login_AnswersTooManyRequestsBeforeHashing_WhenOneClientSendsABurst()
    {
        Func<int>? verifications = null;
        await using var api = await TestApi.StartAsync(o => verifications = Limited(o), Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        var before = verifications!();
        using var client = api.CreateRawClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => client.LoginAsync(user.Username, $"wrong password {i}", Ct)));

        try
        {
            Assert.True(verifications() - before <= Permits, $"{verifications() - before} verifications reached the hasher.");
            Assert.Equal(Permits, responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized));
            var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
            Assert.Equal(50 - Permits, limited.Count);
            foreach (var response in limited)
            {
                await AssertLimitedAsync(response);
            }
        }
        finally
        {
            Array.ForEach(responses, r => r.Dispose());
        }
    }

    [Fact]
    [Trait("Requirement", "S4")]
    public async Task Login_StaysLimited_WhenAnUntrustedPeerRotatesXForwardedFor()
    {
        Func<int>? verifications = null;
        await using var api = await TestApi.StartAsync(o => verifications = Limited(o), Ct);
        using var client = api.CreateRawClient();
        var before = verifications!();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login") { Content = JsonContent.Create(new { username = $"someone{i}", password = "not the password" }) };
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            using var response = await client.SendAsync(request, Ct);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await AssertLimitedAsync(response);
            }
        }

        Assert.Equal(Permits, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(20 - Permits, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.True(verifications() - before <= Permits);
    }

    [Fact]
    [Trait("Requirement", "S4")]
    public async Task Login_LimitsPerForwardedClient_WhenThePeerIsATrustedProxy()
    {
        await using var api = await TestApi.StartAsync(o =>
        {
            Limited(o);
            o.Settings["Http:TrustedProxies:0"] = "127.0.0.1";
        }, Ct);
        using var client = api.CreateRawClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 2 * Permits; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login") { Content = JsonContent.Create(new { username = $"someone{i}", password = "not the password" }) };
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            using var response = await client.SendAsync(request, Ct);
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
    }

    [Fact]
    [Trait("Requirement", "S4")]
    public async Task RefreshAndRegister_ShareTheLimit_WhenLoginUsedItUp()
    {
        await using var api = await TestApi.StartAsync(o => Limited(o), Ct);
        using var client = api.CreateRawClient();
        for (var i = 0; i < Permits; i++)
        {
            using var login = await client.LoginAsync($"someone{i}", "not the password", Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        }

        using var refresh = await client.RefreshAsync("whatever", Ct);
        using var register = await client.RegisterAsync(Auth.AuthEndpointsTests.NewUser("judy"), TestApi.AdminToken, Ct);

        await AssertLimitedAsync(refresh);
        await AssertLimitedAsync(register);
        await using var db = api.CreateDbContext();
        Assert.Empty(db.Users);
    }

    private static Func<int> Limited(TestApiOptions options)
    {
        options.Settings["Auth:RateLimitPermits"] = Permits.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // A long window, so that no refill lands inside the test.
        options.Settings["Auth:RateLimitWindow"] = "01:00:00";
        return CountingPasswordHasher.Install(options);
    }

    private static async Task AssertLimitedAsync(HttpResponseMessage response)
    {
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.TooManyRequests);
        Assert.StartsWith("Too many requests from your address. Try again in ", problem.Detail, StringComparison.Ordinal);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
    }
}
