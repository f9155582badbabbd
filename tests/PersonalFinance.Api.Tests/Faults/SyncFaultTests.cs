using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Jobs;
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
}
