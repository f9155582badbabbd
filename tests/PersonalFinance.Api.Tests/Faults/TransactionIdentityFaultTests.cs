using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Connections;
using PersonalFinance.Api.Jobs;
using PersonalFinance.Api.Tests.Connections;
using PersonalFinance.Api.Tests.Sync;
using PersonalFinance.Api.Transactions;

namespace PersonalFinance.Api.Tests.Faults;

/// Banks that get transaction ids wrong: a transactionId given to two transactions, and ids that change on a reconnect.
public sealed class TransactionIdentityFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    [Trait("Requirement", "F20")]
    public async Task ReusedTransactionId_WithInternalIds_KeepsBothRows()
    {
        await using var kit = await SyncTestKit.LinkAsync();
        var account = kit.AccountIds[0];
        await kit.Api.Sandbox.AddFaultAsync("GET accounts/*/transactions/", "reused_transaction_id", 1, new { account_id = account });

        var result = await kit.SyncAsync();

        Assert.Equal(JobStatus.Completed, result.Status);
        await using var db = kit.Api.CreateDbContext();
        var reused = await db.GcTransactions.Where(t => t.AccountId == account && t.Status == "booked")
            .GroupBy(t => t.TransactionId).Where(g => g.Count() > 1).Select(g => g.Key).ToListAsync(Ct);
        var transactionId = Assert.Single(reused);
        var sharing = await db.GcTransactions.Where(t => t.AccountId == account && t.TransactionId == transactionId).ToListAsync(Ct);
        Assert.Equal(2, sharing.Count);
        Assert.NotEqual(sharing[0].InternalTransactionId, sharing[1].InternalTransactionId);
        // The internalTransactionId decides identity; the shared transactionId does not merge the two.
        var stored = await db.Accounts.SingleAsync(a => a.ProviderId == account, Ct);
        var keys = await db.Transactions.Where(t => t.AccountId == stored.Id && t.Status == TransactionStatus.Booked).Select(t => t.ProviderKey).ToListAsync(Ct);
        Assert.All(sharing, s => Assert.Contains("iid:" + s.InternalTransactionId, keys));
        await AssertBookedRowsMatchSandboxAsync(kit, account);
    }

    [Fact]
    [Trait("Requirement", "F20")]
    public async Task ReusedTransactionId_WithoutInternalIds_KeepsBothRows_AndASecondSyncAddsNothing()
    {
        // KBC sends transactionId but no internalTransactionId, so the transactionId is the key and the reuse reaches the key.
        await using var kit = await SyncTestKit.LinkAsync(institutionId: "KBC_KREDBEBB");
        var account = kit.AccountIds[0];
        await kit.Api.Sandbox.AddFaultAsync("GET accounts/*/transactions/", "reused_transaction_id", 1000, new { account_id = account });

        Assert.Equal(JobStatus.Completed, (await kit.SyncAsync()).Status);
        var first = await BookedRowsAsync(kit, account);
        Assert.Equal(JobStatus.Completed, (await kit.SyncAsync()).Status);
        var second = await BookedRowsAsync(kit, account);

        await using var db = kit.Api.CreateDbContext();
        var sharing = await db.GcTransactions.Where(t => t.AccountId == account && t.Status == "booked")
            .GroupBy(t => t.TransactionId).Where(g => g.Count() > 1).Select(g => g.Key).ToListAsync(Ct);
        var transactionId = Assert.Single(sharing);
        Assert.Contains($"tid:{transactionId}", first.Keys);
        Assert.Contains($"tid:{transactionId}#2", first.Keys);
        Assert.Equal(first, second);
        var (sandbox, _) = await kit.SandboxDataAsync(account, kit.Today.AddDays(-365));
        Assert.Equal(sandbox.Booked.Count, first.Count);
    }

    [Theory]
    [InlineData("identity")]
    [InlineData("account")]
    [Trait("Requirement", "F20")]
    public async Task Reconnect_WithNewGoCardlessAccountIds_DuplicatesNoRows(string internalIdScope)
    {
        // "account": GoCardless derives internalTransactionId from the account id, so every id changes with the reconnect.
        await using var kit = await SyncTestKit.LinkAsync(o => o.ConfigureSandbox = s => s.InternalIdScope = internalIdScope);
        Assert.Equal(JobStatus.Completed, (await kit.SyncAsync()).Status);
        var before = await UnifiedCountsAsync(kit);

        await ConnectionsEndpointsTests.SetStatusAsync(kit.Api, kit.ConnectionId, ConnectionStatus.Expired);
        using (var reauthorise = await kit.Client.PostAsync($"/api/connections/{kit.ConnectionId}/reauthorise", null, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, reauthorise.StatusCode);
        }

        string requisition;
        await using (var db = kit.Api.CreateDbContext())
        {
            requisition = (await db.Connections.SingleAsync(c => c.Id == kit.ConnectionId, Ct)).ProviderId;
        }

        using (var callback = await kit.Client.GetAsync(await kit.Api.Sandbox.CompleteAsync(requisition, "linked", "alice"), Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        }

        Assert.Equal(JobStatus.Completed, (await kit.SyncAsync()).Status);

        await using (var db = kit.Api.CreateDbContext())
        {
            var accounts = await db.Accounts.Where(a => a.ConnectionId == kit.ConnectionId).ToListAsync(Ct);
            Assert.Equal(before.Keys.Order(), accounts.Select(a => a.Id).Order());
            Assert.All(accounts, a => Assert.DoesNotContain(a.ProviderId, kit.AccountIds));
            foreach (var account in accounts)
            {
                await AssertBookedRowsMatchSandboxAsync(kit, account.ProviderId);
            }
        }

        Assert.Equal(before, await UnifiedCountsAsync(kit));
    }

    /// Our booked rows of the account are, one for one, what the sandbox shows now.
    private static async Task AssertBookedRowsMatchSandboxAsync(SyncTestKit kit, string gcAccountId)
    {
        var (sandbox, _) = await kit.SandboxDataAsync(gcAccountId, kit.Today.AddDays(-90));
        await using var db = kit.Api.CreateDbContext();
        var account = await db.Accounts.SingleAsync(a => a.ProviderId == gcAccountId, Ct);
        var keys = await db.Transactions.Where(t => t.AccountId == account.Id && t.Status == TransactionStatus.Booked).Select(t => t.ProviderKey).ToListAsync(Ct);
        Assert.Equal(sandbox.Booked.Count, keys.Count);
        Assert.Equal(sandbox.Booked.Select(t => "iid:" + t.InternalTransactionId).Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }

    private static async Task<Dictionary<string, (decimal Amount, DateOnly? Date)>> BookedRowsAsync(SyncTestKit kit, string gcAccountId)
    {
        await using var db = kit.Api.CreateDbContext();
        var account = await db.Accounts.SingleAsync(a => a.ProviderId == gcAccountId, Ct);
        var rows = await db.Transactions.Where(t => t.AccountId == account.Id && t.Status == TransactionStatus.Booked).ToListAsync(Ct);
        return rows.ToDictionary(t => t.ProviderKey, t => (t.Amount, t.BookingDate), StringComparer.Ordinal);
    }

    private static async Task<Dictionary<Guid, (int Booked, decimal Total)>> UnifiedCountsAsync(SyncTestKit kit)
    {
        await using var db = kit.Api.CreateDbContext();
        var rows = await db.Transactions.Where(t => t.Status == TransactionStatus.Booked).ToListAsync(Ct);
        return rows.GroupBy(t => t.AccountId).ToDictionary(g => g.Key, g => (g.Count(), g.Sum(t => t.Amount)));
    }
}
