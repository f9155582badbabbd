using System.Net;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Jobs;
using PersonalFinance.Api.Sync;
using PersonalFinance.Api.Tests.Infrastructure;
using PersonalFinance.Api.Tests.Sync;

namespace PersonalFinance.Api.Tests.Faults;

/// GoCardless misbehaving during a sync, injected through the sandbox's fault controls.
public sealed class SyncFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    [Trait("Requirement", "F1")]
    public async Task ServerErrorsTwiceThenSuccess_SyncSucceedsAfterThreeAttempts()
    {
        await using var kit = await SyncTestKit.LinkAsync();
        var account = kit.AccountIds[0];
        await kit.Api.Sandbox.AddFaultAsync("GET accounts/*/transactions/", "internal_error", 2, new { account_id = account });

        var result = await kit.SyncAsync();

        Assert.Equal(JobStatus.Completed, result.Status);
        Assert.Equal(3, (await kit.Api.Sandbox.CallsAsync()).Count(c => c == $"GET accounts/{account}/transactions/"));
        await using var db = kit.Api.CreateDbContext();
        Assert.True(await db.Transactions.AnyAsync(t => db.Accounts.Any(a => a.Id == t.AccountId && a.ProviderId == account), Ct));
    }

    [Fact]
    [Trait("Requirement", "F2")]
    public async Task ServerErrorsOnEveryCall_FailTheJobWithAReason_AndWriteNothing()
    {
        await using var kit = await SyncTestKit.LinkAsync();
        await kit.Api.Sandbox.AddFaultAsync("GET accounts/*/balances/", "internal_error", 1000);

        var result = await kit.SyncAsync();

        Assert.Equal(JobStatus.Failed, result.Status);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
        await using var db = kit.Api.CreateDbContext();
        Assert.False(await db.Transactions.AnyAsync(Ct));
        Assert.All(await db.Accounts.ToListAsync(Ct), a => Assert.Null(a.BalanceAmount));
        Assert.All(await db.GcBankAccounts.ToListAsync(Ct), a => Assert.True(a.ConsecutiveFailures > 0));
        using var accounts = await kit.Client.GetAsync("/api/accounts", Ct);
        Assert.Equal(HttpStatusCode.OK, accounts.StatusCode);
    }

    [Fact]
    [Trait("Requirement", "F3")]
    public async Task GeneralRateLimitWithAShortWait_IsWaitedOutOnce_ThenTheSyncSucceeds()
    {
        await using var kit = await SyncTestKit.LinkAsync();
        var account = kit.AccountIds[0];
        // GoCardless documents no Retry-After; its general 429 names the wait in http_x_ratelimit_reset, which the client reads the same way.
        await kit.Api.Sandbox.AddFaultAsync("GET accounts/*/transactions/", "rate_limit_general", 1, new { account_id = account, reset_seconds = 2 });

        var result = await kit.SyncAsync();

        Assert.Equal(JobStatus.Completed, result.Status);
        var attempts = (await kit.Api.Sandbox.CallLogAsync()).Where(c => c.Call == $"GET accounts/{account}/transactions/").ToList();
        Assert.Equal([429, 200], attempts.Select(a => a.Status));
        // The sandbox stamps each call on arrival with the wall clock, so the gap is the wait the client really left. The client's
        // timer runs on the monotonic clock; the two disagree by a millisecond or so, which is all the allowance covers.
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromSeconds(2) - TimeSpan.FromMilliseconds(20), $"retried after {attempts[1].At - attempts[0].At}");
        Assert.Equal(1, (await kit.ScopeSuccessesAsync())[account].Transactions);
        await using var db = kit.Api.CreateDbContext();
        var stored = await db.Accounts.SingleAsync(a => a.ProviderId == account, Ct);
        Assert.True(await db.Transactions.AnyAsync(t => t.AccountId == stored.Id, Ct));
        Assert.Equal(kit.Today, (await db.GcBankAccounts.SingleAsync(g => g.Id == account, Ct)).TransactionsSyncedTo);
    }

    [Fact]
    [Trait("Requirement", "F3")]
    public async Task GeneralRateLimitLongerThanTheTotalTimeout_IsNotWaitedFor_TheSyncIsRescheduledAndDoesNotFail()
    {
        await using var kit = await SyncTestKit.LinkAsync();
        var account = kit.AccountIds[0];
        // Test hosts allow 20 s per call; a 60 s wait does not fit, so the job plans itself after the reset instead.
        await kit.Api.Sandbox.AddFaultAsync("GET accounts/*/balances/", "rate_limit_general", 1, new { account_id = account, reset_seconds = 60 });
        var job = await kit.QueuedJobAsync();
        var linking = (await kit.Api.Sandbox.CallsAsync()).Count;

        var result = await kit.SyncAsync(SyncTrigger.Scheduled, jobId: job.Id);

        Assert.Equal(JobStatus.Completed, result.Status);
        Assert.EndsWith("The bank data provider is busy; next sync after 09:02 UTC.", result.Message, StringComparison.Ordinal);
        var calls = (await kit.Api.Sandbox.CallsAsync()).Skip(linking).ToList();
        Assert.Single(calls, c => c == $"GET accounts/{account}/balances/");
        // A general limit covers every account, so the run stops rather than spending calls that would be refused.
        Assert.DoesNotContain(calls, c => c.StartsWith($"GET accounts/{kit.AccountIds[1]}/", StringComparison.Ordinal));
        await using var db = kit.Api.CreateDbContext();
        var record = await db.Jobs.SingleAsync(j => j.Id == job.Id, Ct);
        Assert.Equal(JobStatus.Completed, record.Status);
        Assert.Equal(result.Message, record.ErrorMessage);
        var scheduled = kit.Api.Services.GetRequiredService<JobStorage>().GetMonitoringApi().ScheduledJobs(0, 10);
        var next = Assert.Single(scheduled, s => s.Value.Job.Type == typeof(SyncConnectionJob));
        Assert.Equal(kit.ConnectionId, next.Value.Job.Args[0]);
        Assert.Equal(SyncTrigger.Scheduled, next.Value.Job.Args[3]);
        Assert.All(await db.GcBankAccounts.ToListAsync(Ct), g => Assert.Equal(0, g.ConsecutiveFailures));
    }

    [Fact]
    [Trait("Requirement", "F5")]
    public async Task EveryCallHangs_AttemptsAreCutAndTheCallGivesUp_TheJobFailsWithAReason_AndTheWorkerIsFree()
    {
        // Attempts of 2 s inside a 5 s call: the third attempt is cut by the total timeout, leaving no room for the fourth that
        // the retry policy (3 retries) would otherwise make.
        await using var kit = await SyncTestKit.LinkAsync(o =>
        {
            o.Settings["GoCardless:AttemptTimeout"] = "00:00:02";
            o.Settings["GoCardless:TotalTimeout"] = "00:00:05";
            o.Settings["GoCardless:MaxRetryAttempts"] = "3";
        });
        // Linking already read each account's metadata once; only the sync's attempts count here.
        var before = await kit.Api.Sandbox.CallsAsync();
        foreach (var route in new[] { "GET accounts/*/", "GET accounts/*/details/", "GET accounts/*/balances/", "GET accounts/*/transactions/" })
        {
            await kit.Api.Sandbox.AddFaultAsync(route, "delay", 1000, new { delay_ms = 600_000 });
        }

        var result = await kit.SyncAsync();

        Assert.Equal(JobStatus.Failed, result.Status);
        Assert.Contains("did not answer in time", result.Message, StringComparison.Ordinal);
        foreach (var account in kit.AccountIds)
        {
            // The sandbox logs a held call once the client has hung up on it, which can trail the job's end slightly.
            var earlier = before.Count(c => c == $"GET accounts/{account}/");
            var attempts = await WaitForCallsAsync(kit.Api.Sandbox, $"GET accounts/{account}/", earlier + 3);
            Assert.Equal(3, attempts - earlier);
        }

        await using (var db = kit.Api.CreateDbContext())
        {
            Assert.False(await db.Transactions.AnyAsync(Ct));
            Assert.All(await db.Accounts.ToListAsync(Ct), a => Assert.Null(a.BalanceAmount));
            Assert.All(await db.GcBankAccounts.ToListAsync(Ct), a => Assert.Equal(1, a.ConsecutiveFailures));
            Assert.Null((await db.Connections.SingleAsync(c => c.Id == kit.ConnectionId, Ct)).SyncLeaseOwner);
        }

        using (var accounts = await kit.Client.GetAsync("/api/accounts", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, accounts.StatusCode);
        }

        await kit.Api.Sandbox.ClearFaultsAsync();
        var again = await kit.SyncAsync();
        Assert.Equal(JobStatus.Completed, again.Status);
    }

    [Fact]
    [Trait("Requirement", "F7")]
    public async Task WellFormedJsonOfTheWrongShape_IsNotRetried_NothingIsWritten_AndTheJobFailsWithAReason()
    {
        await using var kit = await SyncTestKit.LinkAsync();
        await kit.Api.Sandbox.AddFaultAsync("GET accounts/*/transactions/", "wrong_shape", 1000);

        var result = await kit.SyncAsync();

        Assert.Equal(JobStatus.Failed, result.Status);
        Assert.Contains("sent data in an unexpected format", result.Message, StringComparison.Ordinal);
        var calls = await kit.Api.Sandbox.CallsAsync();
        var counts = await kit.ScopeSuccessesAsync();
        await using var db = kit.Api.CreateDbContext();
        foreach (var account in kit.AccountIds)
        {
            Assert.Single(calls, c => c == $"GET accounts/{account}/transactions/");
            var stored = await db.Accounts.SingleAsync(a => a.ProviderId == account, Ct);
            Assert.False(await db.Transactions.AnyAsync(t => t.AccountId == stored.Id, Ct));
            Assert.False(await db.GcTransactions.AnyAsync(t => t.AccountId == account, Ct));
            Assert.Null(stored.BalanceAmount);
            var raw = await db.GcBankAccounts.SingleAsync(g => g.Id == account, Ct);
            Assert.Null(raw.TransactionsSyncedTo);
            Assert.Equal(1, raw.ConsecutiveFailures);
            // GoCardless counted the call it answered; the budget must too, or a later sync would spend a call the account lacks.
            Assert.Equal(1, counts[account].Transactions);
            var budget = await db.GcAccountRateLimits.SingleAsync(r => r.AccountId == account && r.Scope == "transactions", Ct);
            Assert.Single(budget.SuccessfulCalls);
        }
    }

    [Fact]
    [Trait("Requirement", "F6")]
    public async Task MalformedJsonEveryTime_RejectsThatAccountsDataWhole()
    {
        await using var kit = await SyncTestKit.LinkAsync();
        var account = kit.AccountIds[0];
        await kit.Api.Sandbox.AddFaultAsync("GET accounts/*/transactions/", "malformed_json", 1000, new { account_id = account });

        var result = await kit.SyncAsync();

        Assert.True(result.Ran);
        await using var db = kit.Api.CreateDbContext();
        var broken = await db.Accounts.SingleAsync(a => a.ProviderId == account, Ct);
        Assert.False(await db.Transactions.AnyAsync(t => t.AccountId == broken.Id, Ct));
        Assert.Null(broken.BalanceAmount);
        Assert.Null((await db.GcBankAccounts.SingleAsync(g => g.Id == account, Ct)).TransactionsSyncedTo);
        var healthy = await db.Accounts.SingleAsync(a => a.ProviderId == kit.AccountIds[1], Ct);
        Assert.True(await db.Transactions.AnyAsync(t => t.AccountId == healthy.Id, Ct));
    }

    [Fact]
    [Trait("Requirement", "F8")]
    public async Task AccessTokenRejectedMidRun_RefreshesOnceAndReplaysTheCall()
    {
        await using var kit = await SyncTestKit.LinkAsync();
        var account = kit.AccountIds[0];
        await kit.Api.Sandbox.AddFaultAsync("GET accounts/*/balances/", "invalid_token", 1, new { account_id = account });

        var result = await kit.SyncAsync();

        Assert.Equal(JobStatus.Completed, result.Status);
        var calls = await kit.Api.Sandbox.CallsAsync();
        var balanceCalls = calls.Select((call, index) => (call, index)).Where(c => c.call == $"GET accounts/{account}/balances/").ToList();
        // The rejected call, then a token call, then the same call replayed once.
        Assert.Equal(2, balanceCalls.Count);
        Assert.Contains(calls.Skip(balanceCalls[0].index + 1).Take(balanceCalls[1].index - balanceCalls[0].index - 1), c => c.StartsWith("POST token/", StringComparison.Ordinal));
        await using var db = kit.Api.CreateDbContext();
        Assert.All(await db.Accounts.ToListAsync(Ct), a => Assert.NotNull(a.BalanceAmount));
    }

    private static async Task<int> WaitForCallsAsync(SandboxControl sandbox, string call, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var count = (await sandbox.CallsAsync()).Count(c => c == call);
            if (count >= expected || DateTime.UtcNow > deadline)
            {
                return count;
            }

            await Task.Delay(100, Ct);
        }
    }
}
