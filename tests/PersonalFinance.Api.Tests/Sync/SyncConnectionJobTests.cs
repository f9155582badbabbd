using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Accounts;
using PersonalFinance.Api.Connections;
using PersonalFinance.Api.Jobs;
using PersonalFinance.Api.Sync;
using PersonalFinance.Api.Transactions;

namespace PersonalFinance.Api.Tests.Sync;

public sealed class SyncConnectionJobTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FirstSync_StoresTheSandboxesBalancesAndTransactions_AndASecondSyncWritesNothingNew()
    {
        await using var kit = await SyncTestKit.LinkAsync();
        var queued = await kit.QueuedJobAsync();
        Assert.Equal(JobStatus.Pending, queued.Status);
        Assert.False(string.IsNullOrEmpty(queued.EngineJobId));

        var result = await kit.SyncAsync(SyncTrigger.Scheduled, jobId: queued.Id);

        Assert.True(result.Ran);
        Assert.Equal(JobStatus.Completed, result.Status);
        Assert.All(result.Accounts, a => Assert.True(a.Synced));
        var firstRows = await RowsAsync(kit);
        await using (var db = kit.Api.CreateDbContext())
        {
            var job = await db.Jobs.SingleAsync(j => j.Id == queued.Id, Ct);
            Assert.Equal(JobStatus.Completed, job.Status);
            Assert.NotNull(job.StartedAt);
            Assert.NotNull(job.CompletedAt);
            Assert.NotNull((await db.Connections.SingleAsync(c => c.Id == kit.ConnectionId, Ct)).LastSyncedAt);
            foreach (var accountId in kit.AccountIds)
            {
                var raw = await db.GcBankAccounts.SingleAsync(g => g.Id == accountId, Ct);
                Assert.Equal(kit.Today, raw.TransactionsSyncedTo);
                var account = await db.Accounts.SingleAsync(a => a.ProviderId == accountId, Ct);
                Assert.Equal(1913.12m, account.BalanceAmount);
                Assert.Equal("interimAvailable", account.BalanceType);
                Assert.Equal("EUR", account.BalanceCurrency);
                Assert.NotNull(account.LastSyncedAt);
                Assert.Equal(AccountStatus.Active, account.Status);
                var balances = await db.GcBalances.Where(b => b.AccountId == accountId).OrderBy(b => b.BalanceType).ToListAsync(Ct);
                Assert.Equal(new[] { "expected", "interimAvailable" }, balances.Select(b => b.BalanceType));
            }
        }

        // Compare with the sandbox's own answer for the same window.
        foreach (var accountId in kit.AccountIds)
        {
            var (sandbox, balances) = await kit.SandboxDataAsync(accountId, kit.Today.AddDays(-90));
            await using var db = kit.Api.CreateDbContext();
            var account = await db.Accounts.SingleAsync(a => a.ProviderId == accountId, Ct);
            var stored = await db.Transactions.Where(t => t.AccountId == account.Id).ToListAsync(Ct);
            var booked = stored.Where(t => t.Status == TransactionStatus.Booked).ToList();
            var pending = stored.Where(t => t.Status == TransactionStatus.Pending).ToList();
            Assert.NotEmpty(sandbox.Booked);
            Assert.Equal(sandbox.Booked.Count, booked.Count);
            Assert.Equal(sandbox.Pending.Count, pending.Count);
            Assert.Equal(sandbox.Booked.Sum(t => t.Amount), booked.Sum(t => t.Amount));
            Assert.Equal(
                sandbox.Booked.Select(t => "iid:" + t.InternalTransactionId).Order(StringComparer.Ordinal),
                booked.Select(t => t.ProviderKey).Order(StringComparer.Ordinal));
            var raw = await db.GcTransactions.Where(t => t.AccountId == accountId).ToListAsync(Ct);
            Assert.Equal(stored.Count, raw.Count);
            Assert.All(raw, r => Assert.StartsWith("{", r.Raw, StringComparison.Ordinal));
            Assert.Equal(balances.Balances.Count, await db.GcBalances.CountAsync(b => b.AccountId == accountId, Ct));
            var sample = sandbox.Booked.First(t => t.Amount < 0 && t.CreditorName is not null);
            var unified = booked.Single(t => t.ProviderKey == "iid:" + sample.InternalTransactionId);
            Assert.Equal(sample.CreditorName, unified.CounterpartyName);
            Assert.Equal(sample.Date, unified.BookingDate);
            Assert.Equal(sample.Currency, unified.Currency);
        }

        var second = await kit.SyncAsync(SyncTrigger.Manual);
        Assert.Equal(JobStatus.Completed, second.Status);
        var secondRows = await RowsAsync(kit);
        Assert.Equal(firstRows, secondRows);
    }

    [Fact]
    [Trait("Requirement", "F19")]
    public async Task PendingTransactionThatBooks_AppearsOnceAsBooked_WithNoPendingLeftover()
    {
        await using var kit = await SyncTestKit.LinkAsync();
        await kit.SyncAsync(SyncTrigger.Manual);
        var accountId = kit.AccountIds[0];
        int pendingBefore;
        await using (var db = kit.Api.CreateDbContext())
        {
            pendingBefore = await db.Transactions.CountAsync(t => t.Status == TransactionStatus.Pending, Ct);
        }

        Assert.True(pendingBefore > 0, "the sandbox shows today's rows as pending");
        await kit.AdvanceAsync(TimeSpan.FromDays(1));
        var result = await kit.SyncAsync(SyncTrigger.Manual);
        Assert.Equal(JobStatus.Completed, result.Status);

        var (sandbox, _) = await kit.SandboxDataAsync(accountId, kit.Today.AddDays(-91));
        await using (var db = kit.Api.CreateDbContext())
        {
            var account = await db.Accounts.SingleAsync(a => a.ProviderId == accountId, Ct);
            var stored = await db.Transactions.Where(t => t.AccountId == account.Id).ToListAsync(Ct);
            var yesterday = kit.Today.AddDays(-1);
            Assert.Equal(sandbox.Pending.Count, stored.Count(t => t.Status == TransactionStatus.Pending));
            Assert.DoesNotContain(stored, t => t.Status == TransactionStatus.Pending && t.ValueDate == yesterday);
            Assert.Equal(
                sandbox.Booked.Count(t => t.ValueDate == yesterday),
                stored.Count(t => t.Status == TransactionStatus.Booked && t.ValueDate == yesterday));
            // Everything the sandbox shows is stored once; older rows that left the bank's window are kept.
            var bookedKeys = stored.Where(t => t.Status == TransactionStatus.Booked).Select(t => t.ProviderKey).ToHashSet(StringComparer.Ordinal);
            Assert.All(sandbox.Booked, t => Assert.Contains("iid:" + t.InternalTransactionId, bookedKeys));
            var windowStart = kit.Today.AddDays(-90);
            Assert.Equal(sandbox.Booked.Count, stored.Count(t => t.Status == TransactionStatus.Booked && (t.BookingDate >= windowStart || t.ValueDate >= windowStart)));
            Assert.Equal(
                await db.GcTransactions.CountAsync(t => t.AccountId == accountId, Ct),
                stored.Count);
        }
    }

    [Theory]
    [InlineData(SyncFaultPoints.AfterFetch)]
    [InlineData(SyncFaultPoints.BeforeCommit)]
    [Trait("Requirement", "F11")]
    public async Task CrashBeforeCommit_ThenRerun_LeavesNoDuplicatesAndNothingMissing(string point)
    {
        var crash = new CrashingFaultPoints(point);
        await using var kit = await SyncTestKit.LinkAsync(o => o.ConfigureServices = s => s.AddSingleton<SyncFaultPoints>(crash));
        var job = await kit.QueuedJobAsync();

        await Assert.ThrowsAsync<SimulatedCrashException>(() => kit.SyncAsync(SyncTrigger.Scheduled, jobId: job.Id));
        await using (var db = kit.Api.CreateDbContext())
        {
            // Nothing of the crashed account was committed.
            Assert.Equal(0, await db.Transactions.CountAsync(Ct));
            Assert.Equal(0, await db.GcTransactions.CountAsync(Ct));
            Assert.All(await db.GcBankAccounts.ToListAsync(Ct), g => Assert.Null(g.TransactionsSyncedTo));
            Assert.Equal(JobStatus.Failed, (await db.Jobs.SingleAsync(j => j.Id == job.Id, Ct)).Status);
            Assert.Null((await db.Connections.SingleAsync(c => c.Id == kit.ConnectionId, Ct)).SyncLeaseOwner);
        }

        var rerun = await kit.SyncAsync(SyncTrigger.Scheduled, jobId: job.Id);

        Assert.Equal(JobStatus.Completed, rerun.Status);
        await kit.AssertMatchesSandboxAsync();
    }

    [Fact]
    [Trait("Requirement", "F12")]
    public async Task CrashBetweenTwoAccountsCommits_RerunResumesFromTheWatermarks()
    {
        // The first account commits; the second crashes before its commit.
        var crash = new CrashingFaultPoints(SyncFaultPoints.BeforeCommit, skipHits: 1);
        await using var kit = await SyncTestKit.LinkAsync(o => o.ConfigureServices = s => s.AddSingleton<SyncFaultPoints>(crash));

        await Assert.ThrowsAsync<SimulatedCrashException>(() => kit.SyncAsync(SyncTrigger.Manual));
        await using (var db = kit.Api.CreateDbContext())
        {
            var first = await db.GcBankAccounts.SingleAsync(g => g.Id == kit.AccountIds[0], Ct);
            var crashed = await db.GcBankAccounts.SingleAsync(g => g.Id == kit.AccountIds[1], Ct);
            Assert.Equal(kit.Today, first.TransactionsSyncedTo);
            Assert.Null(crashed.TransactionsSyncedTo);
            Assert.Equal(0, await db.GcTransactions.CountAsync(t => t.AccountId == kit.AccountIds[1], Ct));
        }

        var rerun = await kit.SyncAsync(SyncTrigger.Manual);

        Assert.Equal(JobStatus.Completed, rerun.Status);
        await kit.AssertMatchesSandboxAsync();
    }

    [Fact]
    public async Task SyncQueuedTwiceAtOnce_TheRunThatGoesAheadEndsTheOtherRecord_SoSyncNowIsNotBlocked()
    {
        await using var kit = await SyncTestKit.LinkAsync();
        var first = await kit.QueuedJobAsync();
        Job second;
        await using (var scope = kit.Api.Services.CreateAsyncScope())
        {
            // The loser of two "sync now" at once: its own record, its delivery found the winner's lease held and ended.
            second = await scope.ServiceProvider.GetRequiredService<JobRecords>().CreateAsync(kit.User.Id, kit.ConnectionId, JobStatus.Pending, Ct);
        }

        var result = await kit.SyncAsync(SyncTrigger.Manual, jobId: first.Id);

        Assert.Equal(JobStatus.Completed, result.Status);
        await using (var db = kit.Api.CreateDbContext())
        {
            var covered = await db.Jobs.SingleAsync(j => j.Id == second.Id, Ct);
            Assert.Equal(JobStatus.Completed, covered.Status);
            Assert.Equal(SyncConnectionJob.SkippedMessage, covered.ErrorMessage);
        }

        var calls = (await kit.Api.Sandbox.CallsAsync()).Count;
        var late = await kit.SyncAsync(SyncTrigger.Manual, jobId: second.Id);
        Assert.False(late.Ran);
        Assert.Equal(calls, (await kit.Api.Sandbox.CallsAsync()).Count);
        using var syncNow = await kit.Client.PostAsync($"/api/connections/{kit.ConnectionId}/sync", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, syncNow.StatusCode);
    }

    [Fact]
    public async Task ConnectionDeletedDuringTheRun_EndsTheRunQuietly_WithoutARetry()
    {
        var deleting = new ActingFaultPoints(SyncFaultPoints.AfterFetch);
        await using var kit = await SyncTestKit.LinkAsync(o => o.ConfigureServices = s => s.AddSingleton<SyncFaultPoints>(deleting));
        var job = await kit.QueuedJobAsync();
        deleting.Action = async () =>
        {
            using var deleted = await kit.Client.DeleteAsync($"/api/connections/{kit.ConnectionId}", Ct);
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        };

        var result = await kit.SyncAsync(SyncTrigger.Scheduled, jobId: job.Id);

        Assert.Equal(JobStatus.Failed, result.Status);
        Assert.Equal("The connection was deleted during the sync.", result.Message);
        await using var db = kit.Api.CreateDbContext();
        var record = await db.Jobs.SingleAsync(j => j.Id == job.Id, Ct);
        Assert.Equal(JobStatus.Failed, record.Status);
        Assert.Equal(result.Message, record.ErrorMessage);
        Assert.False(await db.Accounts.AnyAsync(Ct));
        Assert.False(await db.Transactions.AnyAsync(Ct));
        Assert.DoesNotContain(kit.Api.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    [Trait("Requirement", "F13")]
    public async Task SameSyncRunFiveTimesAtOnce_CallsGoCardlessOnce()
    {
        await using var kit = await SyncTestKit.LinkAsync();
        var job = await kit.QueuedJobAsync();
        var before = await kit.ScopeSuccessesAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => kit.SyncAsync(SyncTrigger.Scheduled, jobId: job.Id), Ct)));

        Assert.Single(results, r => r.Ran);
        var after = await kit.ScopeSuccessesAsync();
        foreach (var accountId in kit.AccountIds)
        {
            Assert.Equal(before[accountId].Details, after[accountId].Details);
            Assert.Equal(1, after[accountId].Balances);
            Assert.Equal(1, after[accountId].Transactions);
        }

        await using var db = kit.Api.CreateDbContext();
        Assert.Equal(JobStatus.Completed, (await db.Jobs.SingleAsync(j => j.Id == job.Id, Ct)).Status);
        foreach (var accountId in kit.AccountIds)
        {
            var budget = await db.GcAccountRateLimits.SingleAsync(r => r.AccountId == accountId && r.Scope == "transactions", Ct);
            Assert.Single(budget.SuccessfulCalls);
        }
    }

    [Fact]
    [Trait("Requirement", "F4")]
    public async Task AccountRateLimited_OtherAccountsFinish_AndThatOneIsPlannedAfterTheReset()
    {
        await using var kit = await SyncTestKit.LinkAsync();
        var limited = kit.AccountIds[0];
        await kit.Api.Sandbox.AddFaultAsync("GET accounts/*/transactions/", "rate_limit_account", 1, new { account_id = limited, reset_seconds = 3600 });
        var job = await kit.QueuedJobAsync();

        var result = await kit.SyncAsync(SyncTrigger.Scheduled, jobId: job.Id);

        Assert.Equal(JobStatus.Completed, result.Status);
        var counts = await kit.ScopeSuccessesAsync();
        Assert.Equal(0, counts[limited].Transactions);
        Assert.Equal(1, counts[kit.AccountIds[1]].Transactions);
        await using var db = kit.Api.CreateDbContext();
        var record = await db.Jobs.SingleAsync(j => j.Id == job.Id, Ct);
        Assert.Equal(JobStatus.Completed, record.Status);
        var expectedNext = kit.Api.Clock.GetUtcNow().UtcDateTime.AddSeconds(3600).AddMinutes(1);
        Assert.Contains("Bank's daily limit reached; next sync after 10:01 UTC", record.ErrorMessage, StringComparison.Ordinal);
        var raw = await db.GcBankAccounts.SingleAsync(g => g.Id == limited, Ct);
        Assert.Equal(expectedNext, raw.NextSyncAfter!.Value, TimeSpan.FromSeconds(5));
        Assert.Null(raw.TransactionsSyncedTo);
        var other = await db.GcBankAccounts.SingleAsync(g => g.Id == kit.AccountIds[1], Ct);
        Assert.Equal(kit.Today, other.TransactionsSyncedTo);
        var budget = await db.GcAccountRateLimits.SingleAsync(r => r.AccountId == limited && r.Scope == "transactions", Ct);
        Assert.Equal(0, budget.Remaining);
    }

    [Fact]
    [Trait("Requirement", "F10")]
    public async Task AccessExpired_ExpiresTheConnection_AndMakesNoFurtherCalls()
    {
        await using var kit = await SyncTestKit.LinkAsync();
        await kit.Api.Sandbox.AddFaultAsync("GET accounts/*/balances/", "access_expired", 1, new { account_id = kit.AccountIds[0] });

        var result = await kit.SyncAsync(SyncTrigger.Manual);

        Assert.Equal(JobStatus.Failed, result.Status);
        Assert.Contains("Reconnect", result.Message, StringComparison.Ordinal);
        var counts = await kit.ScopeSuccessesAsync();
        Assert.All(kit.AccountIds, id => Assert.Equal(0, counts[id].Balances + counts[id].Transactions));
        await using (var db = kit.Api.CreateDbContext())
        {
            Assert.Equal(ConnectionStatus.Expired, (await db.Connections.SingleAsync(c => c.Id == kit.ConnectionId, Ct)).Status);
            Assert.All(await db.Accounts.Where(a => a.ConnectionId == kit.ConnectionId).ToListAsync(Ct), a => Assert.Equal(AccountStatus.Inactive, a.Status));
        }

        var again = await kit.SyncAsync(SyncTrigger.Manual);
        Assert.Equal(JobStatus.Failed, again.Status);
        Assert.Equal("Connection must be active to sync. Current status: expired.", again.Message);
        Assert.Equal(counts.Values, (await kit.ScopeSuccessesAsync()).Values);
    }

    [Fact]
    public async Task AccountProcessing_IsRetriedLater()
    {
        await using var kit = await SyncTestKit.LinkAsync();
        var processing = kit.AccountIds[0];
        await kit.Api.Sandbox.AddFaultAsync("GET accounts/*/balances/", "processing", 1, new { account_id = processing });

        var result = await kit.SyncAsync(SyncTrigger.Scheduled);

        Assert.Equal(JobStatus.Completed, result.Status);
        Assert.Contains("still preparing", result.Message, StringComparison.Ordinal);
        await using (var db = kit.Api.CreateDbContext())
        {
            var raw = await db.GcBankAccounts.SingleAsync(g => g.Id == processing, Ct);
            Assert.Equal(1, raw.ConsecutiveFailures);
            Assert.Equal(kit.Api.Clock.GetUtcNow().UtcDateTime.AddMinutes(5), raw.NextSyncAfter!.Value, TimeSpan.FromSeconds(1));
            Assert.Null(raw.TransactionsSyncedTo);
        }

        var early = await kit.SyncAsync(SyncTrigger.Scheduled);
        Assert.False(early.Accounts[0].Synced);
        Assert.StartsWith("Not due yet", early.Accounts[0].Note, StringComparison.Ordinal);
        await kit.AdvanceAsync(TimeSpan.FromMinutes(6));
        var later = await kit.SyncAsync(SyncTrigger.Scheduled);

        Assert.Equal(JobStatus.Completed, later.Status);
        await using (var db = kit.Api.CreateDbContext())
        {
            var raw = await db.GcBankAccounts.SingleAsync(g => g.Id == processing, Ct);
            Assert.Equal(0, raw.ConsecutiveFailures);
            Assert.Equal(kit.Today, raw.TransactionsSyncedTo);
        }
    }

    [Fact]
    public async Task TransientFailures_AreCountedAndBackedOff_AndAutomaticSyncStopsBeforeSuspension()
    {
        await using var kit = await SyncTestKit.LinkAsync();
        var failing = kit.AccountIds[0];
        await kit.Api.Sandbox.AddFaultAsync("GET accounts/*/balances/", "unknown_request_error", 100, new { account_id = failing });

        for (var i = 0; i < 6; i++)
        {
            await kit.SyncAsync(SyncTrigger.Scheduled);
            await kit.AdvanceAsync(TimeSpan.FromHours(5));
        }

        await using var db = kit.Api.CreateDbContext();
        var raw = await db.GcBankAccounts.SingleAsync(g => g.Id == failing, Ct);
        Assert.Equal(5, raw.ConsecutiveFailures);
        Assert.Null(raw.TransactionsSyncedTo);
        var jobs = await db.Jobs.Where(j => j.EntityId == kit.ConnectionId && j.Status != JobStatus.Pending).OrderBy(j => j.CreatedAt).ToListAsync(Ct);
        Assert.Contains("paused", jobs[^1].ErrorMessage, StringComparison.Ordinal);
        Assert.All(jobs, j => Assert.Equal(JobStatus.Completed, j.Status));
    }

    private static async Task<List<(Guid Id, string Key, TransactionStatus Status, decimal Amount, DateTime UpdatedAt)>> RowsAsync(SyncTestKit kit)
    {
        await using var db = kit.Api.CreateDbContext();
        var rows = await db.Transactions.AsNoTracking().ToListAsync(Ct);
        return [.. rows.OrderBy(t => t.Id).Select(t => (t.Id, t.ProviderKey, t.Status, t.Amount, t.UpdatedAt))];
    }
}
