using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Cli;
using PersonalFinance.Api.Connections;
using PersonalFinance.Api.Tests.Infrastructure;

namespace PersonalFinance.Api.Tests.Cli;

public sealed class SeedVerbsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SeedGoCardlessThenSeedDevUser_GiveTheDevUserALinkedConnectionWithAccounts_AndRepeatChangesNothing()
    {
        await using var database = await TestDatabase.CreateAsync(Ct);
        var snapshot = Path.Combine(TestPaths.Scratch, $"sandbox-{Guid.NewGuid():N}.json");
        void Configure(WebApplicationBuilder builder)
        {
            builder.Environment.EnvironmentName = "Testing";
            builder.Configuration["Jwt:SigningKey"] = TestApi.SigningKey;
            builder.Configuration["GoCardlessSandbox:SnapshotPath"] = snapshot;
            foreach (var (key, value) in database.Settings)
            {
                builder.Configuration[key] = value;
            }
        }

        using var seedOutput = new StringWriter();
        using var devOutput = new StringWriter();
        using var againOutput = new StringWriter();
        Assert.Equal(0, await CliVerbs.RunAsync("seed-gocardless", [], Configure, seedOutput));
        Assert.Equal(0, await CliVerbs.RunAsync("seed-dev-user", [], Configure, devOutput));
        Assert.Equal(0, await CliVerbs.RunAsync("seed-dev-user", [], Configure, againOutput));

        Assert.Contains("creating and approving a demo one", seedOutput.ToString(), StringComparison.Ordinal);
        Assert.Contains("booked and", seedOutput.ToString(), StringComparison.Ordinal);
        Assert.Contains("linked 'Sandbox Finance'", devOutput.ToString(), StringComparison.Ordinal);
        Assert.Contains("nothing to link", againOutput.ToString(), StringComparison.Ordinal);
        await using var db = database.CreateContext();
        var dev = await db.Users.SingleAsync(u => u.Username == "dev", Ct);
        var connection = await db.Connections.SingleAsync(Ct);
        Assert.Equal(dev.Id, connection.UserId);
        Assert.Equal(ConnectionStatus.Active, connection.Status);
        Assert.NotNull(connection.ExpiresAt);
        Assert.Equal(2, await db.Accounts.CountAsync(a => a.ConnectionId == connection.Id, Ct));
        Assert.Equal(1, await db.Users.CountAsync(Ct));
        Assert.All(await db.Accounts.ToListAsync(Ct), a => Assert.Equal(1913.12m, a.BalanceAmount));
        Assert.True(await db.Transactions.AnyAsync(Ct), "seed-dev-user fetches the linked accounts' transactions at once.");
        Assert.Contains("Fetching balances and transactions", devOutput.ToString(), StringComparison.Ordinal);
        Assert.Equal(4, await db.GcBalances.CountAsync(Ct));
        Assert.True(await db.GcTransactions.AnyAsync(t => t.Status == "pending", Ct));
    }
}
