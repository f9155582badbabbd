using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Tests.Infrastructure;

namespace PersonalFinance.Api.Tests.Auth;

public sealed class LoginThrottlingTests
{
    private const string LockedDetail = "Too many failed sign-in attempts. This account is locked for 30 minutes.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    [Trait("Requirement", "S3")]
    public async Task Login_LocksTheNameFor30Minutes_WhenTenConsecutiveFailures()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();

        var known = await FailTenTimesThenTryAsync(client, user.Username, user.Password);
        api.Clock.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1));
        using var stillLocked = await client.LoginAsync(user.Username, user.Password, Ct);
        await ProblemAssert.IsProblemAsync(stillLocked, HttpStatusCode.Locked, LockedDetail);
        api.Clock.Advance(TimeSpan.FromSeconds(1));
        using var unlocked = await client.LoginAsync(user.Username, user.Password, Ct);

        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
        Assert.Equal([.. Enumerable.Repeat(401, 10), 423], known.Select(r => r.Status));
        Assert.StartsWith(LockedDetail + "|", known[^1].Body, StringComparison.Ordinal);
        await using var db = api.CreateDbContext();
        Assert.Equal(0, await db.LoginThrottles.CountAsync(Ct));
    }

    [Fact]
    [Trait("Requirement", "S3")]
    public async Task Login_AnswersIdentically_WhenLockedNameHasNoUser()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();

        var known = await FailTenTimesThenTryAsync(client, user.Username, user.Password);
        var unknown = await FailTenTimesThenTryAsync(client, "no-such-user", user.Password);

        Assert.Equal(known, unknown);
        await using var db = api.CreateDbContext();
        var throttle = await db.LoginThrottles.SingleAsync(t => t.Username == "no-such-user", Ct);
        Assert.Equal(api.Clock.GetUtcNow().UtcDateTime.AddMinutes(30), throttle.LockedUntil);
    }

    [Fact]
    [Trait("Requirement", "S3")]
    public async Task Login_ResetsTheCount_WhenASignInSucceeds()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();

        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 9; i++)
            {
                using var wrong = await client.LoginAsync(user.Username, "not the password", Ct);
                await ProblemAssert.IsProblemAsync(wrong, HttpStatusCode.Unauthorized, "Invalid credentials");
            }

            using var right = await client.LoginAsync(user.Username, user.Password, Ct);
            Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        }

        await using var db = api.CreateDbContext();
        Assert.Equal(0, await db.LoginThrottles.CountAsync(Ct));
    }

    [Fact]
    [Trait("Requirement", "S3")]
    [Trait("Requirement", "S30")]
    public async Task Login_LogsTheRefusal_WhenNameIsLocked()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();

        await FailTenTimesThenTryAsync(client, user.Username, user.Password);

        var locked = Assert.Single(api.Logs.Entries, e => e.EventId.Id == 1002);
        Assert.Equal(LogLevel.Warning, locked.Level);
        Assert.Contains(locked.State, p => p.Key == "ClientIp" && p.Value is "127.0.0.1");
        Assert.Equal(10, api.Logs.Entries.Count(e => e.EventId.Id == 1001));
    }

    private static async Task<List<(int Status, string Body)>> FailTenTimesThenTryAsync(HttpClient client, string username, string password)
    {
        var answers = new List<(int, string)>();
        for (var i = 0; i < 10; i++)
        {
            using var wrong = await client.LoginAsync(username, $"wrong password {i}", Ct);
            answers.Add(await ReadAsync(wrong));
        }

        using var right = await client.LoginAsync(username, password, Ct);
        answers.Add(await ReadAsync(right));
        return answers;
    }

    private static async Task<(int Status, string Body)> ReadAsync(HttpResponseMessage response)
    {
        var problem = await ProblemAssert.IsProblemAsync(response, response.StatusCode);
        return ((int)response.StatusCode, problem.Detail + "|" + AuthEndpointsTests.WithoutTraceId(problem.Body));
    }
}
