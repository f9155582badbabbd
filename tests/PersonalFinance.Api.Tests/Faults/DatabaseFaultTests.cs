using Hangfire;
using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Jobs;
using PersonalFinance.Api.Sync;
using PersonalFinance.Api.Tests.Infrastructure;
using PersonalFinance.Api.Tests.Sync;
using PersonalFinance.Api.Transactions;

namespace PersonalFinance.Api.Tests.Faults;

/// The app's own database failing while a sync job runs on the job engine.
public sealed class DatabaseFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    [Trait("Requirement", "F16")]
    public async Task DatabaseGoneDuringAJob_ThenBack_TheJobCompletesOnARetry_WithRowsAndWatermarksConsistent()
    {
        // The outage starts once the first account's data is fetched and outlasts the job's own clean-up (its commit, its
        // job record and its lease release are all refused), which is what a stopped server does to a running job.
        var outage = new DatabaseOutage(refusalsUntilBack: 3);
        await using var kit = await SyncTestKit.LinkAsync(o =>
        {
            o.Settings["Jobs:Role"] = "all";
            o.Settings["Jobs:RetryDelay"] = "00:00:01";
            o.ConfigureServices = services =>
            {
                outage.Register(services);
                services.AddSingleton<SyncFaultPoints>(new OutageAtFaultPoint(SyncFaultPoints.AfterFetch, outage));
            };
        });

        var job = await WaitForJobAsync(kit, j => j.Status == JobStatus.Completed);

        Assert.Equal(3, outage.Refused);
        // The job writes its record before the engine marks the attempt succeeded.
        var history = await WaitForEngineAsync(kit, job.EngineJobId!, "Succeeded");
        Assert.Contains(history, h => h.StateName == "Scheduled" && h.Reason?.Contains("Retry", StringComparison.OrdinalIgnoreCase) == true);
        await using var db = kit.Api.CreateDbContext();
        Assert.Null((await db.Connections.SingleAsync(c => c.Id == kit.ConnectionId, Ct)).SyncLeaseOwner);
        foreach (var accountId in kit.AccountIds)
        {
            var (sandbox, _) = await kit.SandboxDataAsync(accountId, kit.Today.AddDays(-90));
            var account = await db.Accounts.SingleAsync(a => a.ProviderId == accountId, Ct);
            var keys = await db.Transactions.Where(t => t.AccountId == account.Id && t.Status == TransactionStatus.Booked).Select(t => t.ProviderKey).ToListAsync(Ct);
            Assert.Equal(sandbox.Booked.Select(t => "iid:" + t.InternalTransactionId).Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
            Assert.Equal(sandbox.Pending.Count, await db.Transactions.CountAsync(t => t.AccountId == account.Id && t.Status == TransactionStatus.Pending, Ct));
            Assert.Equal(keys.Count + sandbox.Pending.Count, await db.GcTransactions.CountAsync(t => t.AccountId == accountId, Ct));
            var raw = await db.GcBankAccounts.SingleAsync(g => g.Id == accountId, Ct);
            Assert.Equal(kit.Today, raw.TransactionsSyncedTo);
            Assert.Equal(0, raw.ConsecutiveFailures);
            Assert.NotNull(account.BalanceAmount);
        }
    }

    private static async Task<IList<Hangfire.Storage.Monitoring.StateHistoryDto>> WaitForEngineAsync(SyncTestKit kit, string engineJobId, string state)
    {
        var monitoring = kit.Api.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var history = monitoring.JobDetails(engineJobId).History;
            if (history.Count > 0 && history[0].StateName == state)
            {
                return history;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The engine job is {string.Join(" <- ", history.Select(h => h.StateName))}.");
            }

            await Task.Delay(100, Ct);
        }
    }

    private static async Task<Job> WaitForJobAsync(SyncTestKit kit, Func<Job, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var job = await kit.QueuedJobAsync();
            if (done(job))
            {
                return job;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The sync job is still {job.Status} ({job.ErrorMessage}).");
            }

            await Task.Delay(200, Ct);
        }
    }
}
