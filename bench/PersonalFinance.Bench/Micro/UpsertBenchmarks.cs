using System.Data.Common;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PersonalFinance.Api.Data;
using PersonalFinance.Api.Sync;

namespace PersonalFinance.Bench.Micro;

/// P4/P5: the app's AccountSyncWriter writing every account's transactions three ways (into empty tables, the same
/// rows again, 10 % changed) against the provider's fastest plain load of the same values into empty tables.
/// Cases run in declared order, so the initial case leaves behind what ours stored for the others to start from.
public abstract class UpsertBenchmarks
{
    /// What ours stored in an initial write, per provider: the baseline's input and the starting state of the other cases.
    private static readonly Dictionary<string, List<CapturedTable>> Captured = [];

    private string _connectionString = "";
    private AppDbContext _db = null!;
    private AccountSyncWriter _writer = null!;
    private List<UpsertAccount> _accounts = [];
    private TableState _state;

    private enum TableState
    {
        Unknown,
        Original,
        Changed,
    }

    protected abstract string Provider { get; }

    private bool IsPostgres => Provider == BenchDatabases.Postgres;

    [GlobalSetup(Targets = [nameof(Initial)])]
    public void Setup()
    {
        _connectionString = BenchDatabases.Create(Provider, IsPostgres ? "p4" : "p5");
        _db = BenchDatabases.CreateContext(Provider, _connectionString);
        _accounts = UpsertData.Seed(_db);
        // One context for every account, as one SyncConnectionJob scope writes all of a connection's accounts.
        _writer = new AccountSyncWriter(_db, new SyncFaultPoints(), TimeProvider.System, NullLogger<AccountSyncWriter>.Instance);
        _state = TableState.Unknown;
    }

    [GlobalSetup(Targets = [nameof(Replay), nameof(Changed10), nameof(LoadAsync)])]
    public void SetupFromCapture()
    {
        Setup();
        if (!Captured.ContainsKey(Provider))
        {
            WriteAsync(changed: false).GetAwaiter().GetResult();
            Capture();
        }
    }

    [GlobalCleanup(Targets = [nameof(Initial)])]
    public void CaptureAndCleanup()
    {
        Capture();
        Cleanup();
    }

    [GlobalCleanup(Targets = [nameof(Replay), nameof(Changed10), nameof(LoadAsync)])]
    public void Cleanup()
    {
        _db.Dispose();
        BenchDatabases.Drop(Provider, _connectionString);
    }

    [IterationSetup(Targets = [nameof(Initial), nameof(LoadAsync)])]
    public void Empty()
    {
        WithConnectionAsync(c => BaselineLoad.ClearAsync(c, CancellationToken.None)).GetAwaiter().GetResult();
        _state = TableState.Unknown;
    }

    /// The state after an initial sync, restored with the baseline's load (the same values, much faster than writing them
    /// again). Replay leaves it as it found it, and 10 % changed flips between the two sets, so only the first iteration loads.
    [IterationSetup(Targets = [nameof(Replay), nameof(Changed10)])]
    public void Filled()
    {
        if (_state != TableState.Unknown)
        {
            return;
        }

        Empty();
        LoadAsync().GetAwaiter().GetResult();
        _state = TableState.Original;
        if (IsPostgres)
        {
            _db.Database.ExecuteSqlRaw("ANALYZE gc_transactions; ANALYZE transactions");
        }
    }

    [Benchmark(Description = "initial (empty tables)")]
    public Task Initial() => WriteAsync(changed: false);

    [Benchmark(Description = "replay (same rows again)")]
    public Task Replay() => WriteAsync(changed: false);

    /// Writes the changed set over the original one, or the original over the changed one: 10 % of the rows differ either way.
    [Benchmark(Description = "10 % changed")]
    public Task Changed10() => FlipAsync();

    private async Task FlipAsync()
    {
        var changed = _state != TableState.Changed;
        await WriteAsync(changed);
        _state = changed ? TableState.Changed : TableState.Original;
    }

    [Benchmark(Baseline = true, Description = "baseline: plain load into empty tables")]
    public Task LoadAsync() => WithConnectionAsync(connection => IsPostgres
        ? BaselineLoad.CopyAsync((NpgsqlConnection)connection, Captured[Provider], CancellationToken.None)
        : BaselineLoad.InsertAsync(connection, Captured[Provider], CancellationToken.None));

    private async Task WriteAsync(bool changed)
    {
        foreach (var account in _accounts)
        {
            var data = new FetchedAccountData(null, null, null, changed ? account.Changed : account.Rows, new DateOnly(2026, 1, 1));
            await _writer.CommitAsync(account.AccountId, account.GcAccountId, data, CancellationToken.None);
        }
    }

    private void Capture()
    {
        var captured = WithConnectionAsync(c => BaselineLoad.CaptureAsync(c, CancellationToken.None)).GetAwaiter().GetResult();
        if (captured.Any(t => t.Rows.Count != UpsertData.Rows))
        {
            throw new InvalidOperationException($"The writer stored {string.Join(" / ", captured.Select(t => $"{t.Name} {t.Rows.Count}"))} rows; expected {UpsertData.Rows} each.");
        }

        Captured[Provider] = captured;
    }

    /// The context's own connection, opened for the call, so ours and the baseline use the same pooled connection.
    private async Task<T> WithConnectionAsync<T>(Func<DbConnection, Task<T>> action)
    {
        await _db.Database.OpenConnectionAsync();
        try
        {
            return await action(_db.Database.GetDbConnection());
        }
        finally
        {
            await _db.Database.CloseConnectionAsync();
        }
    }

    private async Task WithConnectionAsync(Func<DbConnection, Task> action) =>
        await WithConnectionAsync(async c =>
        {
            await action(c);
            return true;
        });
}

public class SqliteUpsertBenchmarks : UpsertBenchmarks
{
    protected override string Provider => BenchDatabases.Sqlite;
}

public class PostgresUpsertBenchmarks : UpsertBenchmarks
{
    protected override string Provider => BenchDatabases.Postgres;
}
