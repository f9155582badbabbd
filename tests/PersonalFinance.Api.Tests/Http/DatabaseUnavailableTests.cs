using System.Net;
using PersonalFinance.Api.Tests.Infrastructure;

namespace PersonalFinance.Api.Tests.Http;

public sealed class DatabaseUnavailableTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    [Trait("Requirement", "F15")]
    public async Task Api_AnswersServiceUnavailableAndReadinessFails_WhileLivenessHolds_WhenTheDatabaseIsDown()
    {
        // Nothing listens on port 9 (discard) on loopback: the database server is "stopped".
        await using var api = await TestApi.StartAsync(o =>
        {
            o.Settings["Database:Provider"] = "Postgres";
            o.Settings["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=9;Username=postgres;Database=gone;Timeout=2";
        }, Ct);
        using var client = api.CreateClient(new TestUser(Guid.NewGuid(), "ghost", "unused"));

        using var accounts = await client.GetAsync("/api/accounts", Ct);
        using var login = await client.LoginAsync("someone", "some password", Ct);
        using var ready = await client.GetAsync("/health/ready", Ct);
        using var live = await client.GetAsync("/health/live", Ct);

        await ProblemAssert.IsProblemAsync(accounts, HttpStatusCode.ServiceUnavailable, "The database is unavailable right now. Please try again shortly.");
        await ProblemAssert.IsProblemAsync(login, HttpStatusCode.ServiceUnavailable, "The database is unavailable right now. Please try again shortly.");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
