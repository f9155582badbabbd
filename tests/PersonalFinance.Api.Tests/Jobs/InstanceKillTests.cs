using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Data;
using PersonalFinance.Api.Jobs;
using PersonalFinance.Api.Sync;
using PersonalFinance.Api.Tests.Infrastructure;
using PersonalFinance.Api.Tests.Sync;

namespace PersonalFinance.Api.Tests.Jobs;

/// An instance of the app, a real process, is killed (SIGKILL) in the middle of a sync. With PostgreSQL another instance
/// picks the job up once the killed instance's claim on it runs out (F18); with SQLite the restarted app marks the run
/// interrupted and plans the work again (F22). Either way the data comes out whole.
public sealed class InstanceKillTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    [Trait("Requirement", "F18")]
    public async Task InstanceKilledInTheMiddleOfASync_SurvivorFinishesTheJob_WithoutDuplicatesOrOverspentBudget()
    {
        Assert.SkipWhen(TestDatabase.Lane != DatabaseProvider.Postgres, "Several instances share a job queue only with PostgreSQL storage.");
        await using var kit = await LinkOnRealTimeAsync();
        var (job, first) = await KillMidSyncAsync(kit);

        // The killed instance's Hangfire claim on the job runs out after 3 s.
        await using var survivor = await StartAfterTheKillAsync(kit, o => o.Settings["Jobs:InvisibilityTimeout"] = "00:00:03");
        await Eventually.WaitAsync(async () => await kit.JobStatusAsync(job.Id) == JobStatus.Completed, "the survivor to finish the killed instance's job");

        var sandboxCounts = await kit.ScopeSuccessesAsync();
        await using var db = kit.Api.CreateDbContext();
        foreach (var accountId in kit.AccountIds)
        {
            // The hung call never counted at GoCardless; ours keeps its reservation, so our count is never below theirs.
            Assert.Equal(1, sandboxCounts[accountId].Transactions);
            var ours = await db.GcAccountRateLimits.SingleAsync(r => r.AccountId == accountId && r.Scope == AccountBudget.Transactions, Ct);
            Assert.True(ours.SuccessfulCalls.Count >= sandboxCounts[accountId].Transactions);
        }

        Assert.Equal(2, (await db.GcAccountRateLimits.SingleAsync(r => r.AccountId == first && r.Scope == AccountBudget.Transactions, Ct)).SuccessfulCalls.Count);
        Assert.Null((await db.Connections.SingleAsync(c => c.Id == kit.ConnectionId, Ct)).SyncLeaseOwner);
        // Last: reading the sandbox's data spends calls of its own.
        await kit.AssertMatchesSandboxAsync(DateOnly.FromDateTime(survivor.Clock.GetUtcNow().UtcDateTime));
    }

    [Fact]
    [Trait("Requirement", "F22")]
    public async Task SqliteAppKilledInTheMiddleOfASync_RestartMarksTheRunInterrupted_AndTheReplannedRunCompletesIt()
    {
        Assert.SkipWhen(TestDatabase.Lane != DatabaseProvider.Sqlite, "Start-up recovery of interrupted runs is for in-memory job storage (SQLite).");
        await using var kit = await LinkOnRealTimeAsync();
        var (job, _) = await KillMidSyncAsync(kit);

        // The restart: one instance again on the same file.
        await using var restarted = await StartAfterTheKillAsync(kit);
        await Eventually.WaitAsync(async () =>
        {
            await using var db = kit.Api.CreateDbContext();
            return await db.Jobs.AnyAsync(j => j.EntityId == kit.ConnectionId && j.Id != job.Id && j.Status == JobStatus.Completed, Ct);
        }, "the re-planned run to complete");

        await using (var db = kit.Api.CreateDbContext())
        {
            var interrupted = await db.Jobs.SingleAsync(j => j.Id == job.Id, Ct);
            Assert.Equal(JobStatus.Failed, interrupted.Status);
            Assert.Equal(InterruptedJobs.InterruptedMessage, interrupted.ErrorMessage);
            Assert.Equal(2, await db.Jobs.CountAsync(j => j.EntityId == kit.ConnectionId, Ct));
        }

        await kit.AssertMatchesSandboxAsync(DateOnly.FromDateTime(restarted.Clock.GetUtcNow().UtcDateTime));
    }

    /// Another instance with workers on the kit's database and sandbox, its clock past the killed run's 5 s lease.
    private static Task<TestApi> StartAfterTheKillAsync(SyncTestKit kit, Action<TestApiOptions>? configure = null) =>
        TestApi.StartAsync(o =>
        {
            o.SharedDatabase = kit.Api.Database;
            o.SharedSandbox = kit.Api.Sandbox;
            o.ClockStart = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(10);
            o.Settings["Jobs:Role"] = "all";
            configure?.Invoke(o);
        }, Ct);

    /// The other instance is a real process on real time, so the test's instances share its clock.
    private static Task<SyncTestKit> LinkOnRealTimeAsync() => SyncTestKit.LinkAsync(o => o.ClockStart = TimeProvider.System.GetUtcNow());

    /// Starts the app as a process that picks up the callback's queued sync, lets it hang in its first account's
    /// transactions call (after it spent budget on it) and kills it there.
    private static async Task<(Job Job, string FirstAccount)> KillMidSyncAsync(SyncTestKit kit)
    {
        var job = await kit.QueuedJobAsync();
        var first = kit.AccountIds[0];
        await kit.Api.Sandbox.AddFaultAsync("GET accounts/*/transactions/", "delay", 1, new { account_id = first, delay_ms = 120_000 });
        await using var victim = AppProcess.Start(VictimSettings(kit));
        await Eventually.WaitAsync(
            () =>
            {
                Assert.False(victim.HasExited, $"The app process ended while it was expected to sync:\n{victim.Output}");
                return TransactionsReservedAsync(kit, first);
            },
            "the app process to reach the first account's transactions call",
            () => victim.Output);
        Assert.Equal(JobStatus.Running, await kit.JobStatusAsync(job.Id));
        await victim.KillAsync();
        return (job, first);
    }

    private static Dictionary<string, string?> VictimSettings(SyncTestKit kit)
    {
        var sandbox = kit.Api.Sandbox.Server;
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Jwt:SigningKey"] = TestApi.SigningKey,
            ["Auth:AdminToken"] = TestApi.AdminToken,
            ["App:PublicUrl"] = $"http://127.0.0.1:{kit.Api.Port}",
            ["GoCardless:SecretId"] = sandbox.SecretId,
            ["GoCardless:SecretKey"] = sandbox.SecretKey,
            ["GoCardless:BaseAddress"] = sandbox.ApiBaseAddress.ToString(),
            ["GoCardless:AttemptTimeout"] = "00:03:00",
            ["GoCardless:TotalTimeout"] = "00:05:00",
            ["Jobs:Role"] = TestDatabase.Lane == DatabaseProvider.Postgres ? "worker" : "all",
            ["Jobs:PollInterval"] = "00:00:00.200",
            ["Sync:LeaseDuration"] = "00:00:05",
        };
        foreach (var (key, value) in kit.Api.Database.Settings)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static async Task<bool> TransactionsReservedAsync(SyncTestKit kit, string accountId)
    {
        await using var db = kit.Api.CreateDbContext();
        var row = await db.GcAccountRateLimits.AsNoTracking().SingleOrDefaultAsync(r => r.AccountId == accountId && r.Scope == AccountBudget.Transactions, Ct);
        return row is { SuccessfulCalls.Count: > 0 };
    }
}
