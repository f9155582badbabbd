using System.Text.Json;
using GoCardless.BankAccountData;
using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Jobs;
using PersonalFinance.Api.Sync;
using PersonalFinance.Api.Tests.Connections;
using PersonalFinance.Api.Tests.Infrastructure;
using PersonalFinance.Api.Transactions;

namespace PersonalFinance.Api.Tests.Sync;

internal sealed record ScopeCounts(int Details, int Balances, int Transactions);

/// A linked connection on a test host whose sandbox clock matches the app's fake clock, and ways to run and observe syncs.
internal sealed class SyncTestKit : IAsyncDisposable
{
    private SyncTestKit(TestApi api, TestUser user, HttpClient client, CreatedConnection connection, List<string> accountIds)
    {
        Api = api;
        User = user;
        Client = client;
        Connection = connection;
        AccountIds = accountIds;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public TestApi Api { get; }
    public TestUser User { get; }
    public HttpClient Client { get; }
    public CreatedConnection Connection { get; }
    public Guid ConnectionId => Connection.Id;

    /// GoCardless account ids of the connection, oldest first.
    public List<string> AccountIds { get; }

    public static async Task<SyncTestKit> LinkAsync(Action<TestApiOptions>? configure = null, string institutionId = "SANDBOXFINANCE_SFIN0000")
    {
        var api = await TestApi.StartAsync(configure, Ct);
        await api.Sandbox.SetClockAsync(api.Clock.GetUtcNow());
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        var client = api.CreateClient(user);
        var connection = await ConnectionsTestHelpers.CreateLinkedAsync(api, client, institutionId);
        await using var db = api.CreateDbContext();
        var accountIds = await db.Accounts.Where(a => a.ConnectionId == connection.Id).OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)
            .Select(a => a.ProviderId).ToListAsync(Ct);
        return new SyncTestKit(api, user, client, connection, accountIds);
    }

    public async Task<SyncRunResult> SyncAsync(SyncTrigger trigger = SyncTrigger.Manual, bool fullSync = false, Guid? jobId = null)
    {
        await using var scope = Api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SyncConnectionJob>().ExecuteAsync(ConnectionId, fullSync, jobId, trigger, Ct);
    }

    /// The job record the callback queued.
    public async Task<Job> QueuedJobAsync()
    {
        await using var db = Api.CreateDbContext();
        return await db.Jobs.AsNoTracking().Where(j => j.EntityId == ConnectionId).OrderBy(j => j.CreatedAt).FirstAsync(Ct);
    }

    public async Task<JobStatus> JobStatusAsync(Guid jobId)
    {
        await using var db = Api.CreateDbContext();
        return await db.Jobs.Where(j => j.Id == jobId).Select(j => j.Status).SingleAsync(Ct);
    }

    /// A client with an access token issued at the fake clock's current time (tokens live 15 minutes).
    public HttpClient FreshClient()
    {
        var client = Api.CreateClient(User);
        _clients.Add(client);
        return client;
    }

    private readonly List<HttpClient> _clients = [];

    public async Task AdvanceAsync(TimeSpan by)
    {
        Api.Clock.Advance(by);
        await Api.Sandbox.AdvanceClockAsync(by);
    }

    public async Task<Dictionary<string, ScopeCounts>> ScopeSuccessesAsync()
    {
        var state = await Api.Sandbox.StateAsync();
        var result = new Dictionary<string, ScopeCounts>(StringComparer.Ordinal);
        foreach (var account in state.GetProperty("accounts").EnumerateArray())
        {
            var counts = account.GetProperty("scope_successes");
            result[account.GetProperty("id").GetString()!] = new ScopeCounts(
                counts.GetProperty("details").GetInt32(), counts.GetProperty("balances").GetInt32(), counts.GetProperty("transactions").GetInt32());
        }

        return result;
    }

    /// What the sandbox reports for an account (this spends one transactions call and one balances call of the account).
    public async Task<(AccountTransactions Transactions, AccountBalances Balances)> SandboxDataAsync(string accountId, DateOnly from)
    {
        var client = Api.Services.GetRequiredService<GoCardlessClient>();
        var transactions = (await client.GetAccountTransactionsAsync(accountId, from, null, Ct)).Value;
        var balances = (await client.GetAccountBalancesAsync(accountId, Ct)).Value;
        return (transactions, balances);
    }

    public DateOnly Today => DateOnly.FromDateTime(Api.Clock.GetUtcNow().UtcDateTime);

    /// Every account holds exactly the sandbox's transactions (booked by key, pending by count), synced up to the day
    /// the syncing instance saw as today.
    public async Task AssertMatchesSandboxAsync(DateOnly? today = null)
    {
        var syncedTo = today ?? Today;
        foreach (var accountId in AccountIds)
        {
            var (sandbox, _) = await SandboxDataAsync(accountId, syncedTo.AddDays(-90));
            await using var db = Api.CreateDbContext();
            var account = await db.Accounts.SingleAsync(a => a.ProviderId == accountId, Ct);
            var keys = await db.Transactions.Where(t => t.AccountId == account.Id && t.Status == TransactionStatus.Booked).Select(t => t.ProviderKey).ToListAsync(Ct);
            Assert.Equal(sandbox.Booked.Select(t => "iid:" + t.InternalTransactionId).Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
            Assert.Equal(sandbox.Pending.Count, await db.Transactions.CountAsync(t => t.AccountId == account.Id && t.Status == TransactionStatus.Pending, Ct));
            Assert.Equal(keys.Count + sandbox.Pending.Count, await db.GcTransactions.CountAsync(t => t.AccountId == accountId, Ct));
            Assert.Equal(syncedTo, (await db.GcBankAccounts.SingleAsync(g => g.Id == accountId, Ct)).TransactionsSyncedTo);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        _clients.ForEach(c => c.Dispose());
        await Api.DisposeAsync();
    }

    public static string Describe(JsonElement element) => element.GetRawText();
}

/// Makes a sync crash (an exception that no code of the sync expects) once at a named point, for one account or any.
internal sealed class CrashingFaultPoints(string point, string? accountId = null, int skipHits = 0) : SyncFaultPoints
{
    private int _hits;

    public override void Hit(string point1, string accountId1)
    {
        if (point1 == point && (accountId is null || accountId == accountId1) && Interlocked.Increment(ref _hits) == skipHits + 1)
        {
            throw new SimulatedCrashException($"Simulated crash at {point1}");
        }
    }
}

/// Runs an action (set once the test has its kit) the first time a sync reaches a named point: something a user does
/// while the sync is in the middle of its work.
internal sealed class ActingFaultPoints(string point) : SyncFaultPoints
{
    private int _hits;

    public Func<Task>? Action { get; set; }

    public override void Hit(string point1, string accountId1)
    {
        if (point1 == point && Action is { } action && Interlocked.Increment(ref _hits) == 1)
        {
            action().GetAwaiter().GetResult();
        }
    }
}

internal sealed class SimulatedCrashException(string message) : Exception(message);
