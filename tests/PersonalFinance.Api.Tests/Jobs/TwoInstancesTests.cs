using Hangfire;
using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Data;
using PersonalFinance.Api.Jobs;
using PersonalFinance.Api.Sync;
using PersonalFinance.Api.Tests.Infrastructure;
using PersonalFinance.Api.Tests.Sync;

namespace PersonalFinance.Api.Tests.Jobs;

/// Two app instances with workers on one PostgreSQL database share one Hangfire queue: each job runs once.
public sealed class TwoInstancesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    [Trait("Requirement", "F13")]
    [Trait("Requirement", "F18")]
    public async Task SameSyncEnqueuedFiveTimes_OnTwoInstances_CallsGoCardlessOnce()
    {
        Assert.SkipWhen(TestDatabase.Lane != DatabaseProvider.Postgres, "Several instances share a job queue only with PostgreSQL storage.");
        await using var kit = await SyncTestKit.LinkAsync(o => o.Settings["Jobs:Role"] = "all");
        await using var second = await TestApi.StartAsync(o =>
        {
            o.SharedDatabase = kit.Api.Database;
            o.SharedSandbox = kit.Api.Sandbox;
            o.Settings["Jobs:Role"] = "all";
        }, Ct);
        var callbackJob = await kit.QueuedJobAsync();
        await Eventually.WaitAsync(async () => (await kit.JobStatusAsync(callbackJob.Id)) == JobStatus.Completed, "the callback's sync to complete");
        var before = await kit.ScopeSuccessesAsync();
        Assert.All(kit.AccountIds, id => Assert.Equal(1, before[id].Transactions));

        Job job;
        await using (var scope = kit.Api.Services.CreateAsyncScope())
        {
            job = await scope.ServiceProvider.GetRequiredService<JobRecords>().CreateAsync(kit.User.Id, kit.ConnectionId, JobStatus.Pending, Ct);
        }

        var storage = kit.Api.Services.GetRequiredService<JobStorage>();
        var succeededBefore = storage.GetMonitoringApi().SucceededListCount();
        var clients = new[] { kit.Api.Services.GetRequiredService<IBackgroundJobClient>(), second.Services.GetRequiredService<IBackgroundJobClient>() };
        for (var i = 0; i < 5; i++)
        {
            clients[i % 2].Enqueue<SyncConnectionJob>(sync => sync.ExecuteAsync(kit.ConnectionId, false, job.Id, SyncTrigger.Manual, CancellationToken.None));
        }

        await Eventually.WaitAsync(() => Task.FromResult(storage.GetMonitoringApi().SucceededListCount() >= succeededBefore + 5), "five deliveries to finish");

        Assert.Equal(JobStatus.Completed, await kit.JobStatusAsync(job.Id));
        var after = await kit.ScopeSuccessesAsync();
        Assert.All(kit.AccountIds, id =>
        {
            Assert.Equal(before[id].Balances + 1, after[id].Balances);
            Assert.Equal(before[id].Transactions + 1, after[id].Transactions);
        });
        await using var db = kit.Api.CreateDbContext();
        foreach (var accountId in kit.AccountIds)
        {
            var budget = await db.GcAccountRateLimits.SingleAsync(r => r.AccountId == accountId && r.Scope == AccountBudget.Transactions, Ct);
            Assert.Equal(2, budget.SuccessfulCalls.Count);
        }

        var servers = storage.GetMonitoringApi().Servers();
        Assert.True(servers.Count >= 2, "both instances run a Hangfire server on the shared storage");
    }

    [Fact]
    [Trait("Requirement", "F18")]
    public async Task RecurringOccurrences_RunOnceEach_OnTwoInstances()
    {
        Assert.SkipWhen(TestDatabase.Lane != DatabaseProvider.Postgres, "Several instances share a job queue only with PostgreSQL storage.");
        // Every second, so that a few seconds hold several occurrences for both schedulers to race for.
        static void EverySecond(TestApiOptions o)
        {
            o.Settings["Jobs:Role"] = "all";
            o.Settings["Jobs:PollRecentRequisitionsCron"] = "* * * * * *";
        }

        await using var first = await TestApi.StartAsync(EverySecond, Ct);
        await using var second = await TestApi.StartAsync(o =>
        {
            EverySecond(o);
            o.SharedDatabase = first.Database;
            o.SharedSandbox = first.Sandbox;
        }, Ct);
        var storage = first.Services.GetRequiredService<JobStorage>();

        List<string> occurrences = [];
        await Eventually.WaitAsync(() =>
        {
            occurrences = RecurringOccurrences(storage, RecurringJobs.PollRecentRequisitions);
            return Task.FromResult(occurrences.Count >= 4);
        }, "four occurrences of the recurring job");

        Assert.All(occurrences, time => Assert.False(string.IsNullOrEmpty(time), "every job of a recurring job carries its occurrence"));
        Assert.Equal(occurrences.Count, occurrences.Distinct(StringComparer.Ordinal).Count());
    }

    /// The occurrence ("Time" parameter, the planned second) of every job the recurring job created so far.
    private static List<string> RecurringOccurrences(JobStorage storage, string recurringJobId)
    {
        var monitoring = storage.GetMonitoringApi();
        var ids = monitoring.SucceededJobs(0, 1000).Select(j => j.Key)
            .Concat(monitoring.ProcessingJobs(0, 1000).Select(j => j.Key))
            .Concat(monitoring.EnqueuedJobs("default", 0, 1000).Select(j => j.Key))
            .Distinct(StringComparer.Ordinal);
        using var connection = storage.GetConnection();
        return [.. ids
            .Where(id => connection.GetJobParameter(id, "RecurringJobId")?.Trim('"') == recurringJobId)
            .Select(id => connection.GetJobParameter(id, "Time") ?? "")];
    }
}
