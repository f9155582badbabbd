using System.Data.Common;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PersonalFinance.Api.Data;

namespace PersonalFinance.Bench.Micro;

/// P4/P5 shape: one account's transactions written three ways by our path (into empty tables, the same rows again,
/// 10 % changed) against the provider's fastest plain load into empty tables.
public abstract class UpsertBenchmarks
{
    private string _connectionString = "";
    private AppDbContext _db = null!;
    private UpsertRow[] _rows = [];
    private UpsertRow[] _changed = [];
    private UpsertContext _context = null!;

    protected abstract string Provider { get; }

    private bool IsPostgres => Provider == BenchDatabases.Postgres;

    private DbConnection Connection => _db.Database.GetDbConnection();

    [GlobalSetup]
    public void Setup()
    {
        _connectionString = BenchDatabases.Create(Provider, IsPostgres ? "p4" : "p5");
        _db = BenchDatabases.CreateContext(Provider, _connectionString);
        var (accountId, gcAccountId) = UpsertData.SeedAccount(_db);
        _db.Database.OpenConnection();
        _rows = UpsertData.Generate(UpsertData.Rows, changed: false);
        _changed = UpsertData.Generate(UpsertData.Rows, changed: true);
        _context = new UpsertContext(accountId, gcAccountId, DateTime.UtcNow, IsPostgres);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _db.Database.CloseConnection();
        _db.Dispose();
        BenchDatabases.Drop(Provider, _connectionString);
    }

    [IterationSetup(Targets = [nameof(Initial), nameof(LoadAsync)])]
    public void Empty() => UpsertTable.ClearAsync(Connection, _context.GcAccountId, _context.AccountId, IsPostgres, CancellationToken.None).GetAwaiter().GetResult();

    [IterationSetup(Targets = [nameof(Replay), nameof(Changed10)])]
    public void Filled()
    {
        Empty();
        WriteAsync(_rows).GetAwaiter().GetResult();
        if (IsPostgres)
        {
            using var analyze = Connection.CreateCommand();
            analyze.CommandText = "ANALYZE gc_transactions; ANALYZE transactions";
            analyze.ExecuteNonQuery();
        }
    }

    [Benchmark(Description = "initial (empty tables)")]
    public Task Initial() => WriteAsync(_rows);

    [Benchmark(Description = "replay (same rows again)")]
    public Task Replay() => WriteAsync(_rows);

    [Benchmark(Description = "10 % changed")]
    public Task Changed10() => WriteAsync(_changed);

    [Benchmark(Baseline = true, Description = "baseline: plain load into empty tables")]
    public async Task LoadAsync()
    {
        if (IsPostgres)
        {
            await UpsertTable.CopyAsync((NpgsqlConnection)Connection, _rows, _context, CancellationToken.None);
            return;
        }

        await using var transaction = await Connection.BeginTransactionAsync();
        await UpsertTable.InsertAsync(Connection, transaction, _rows, _context, CancellationToken.None);
        await transaction.CommitAsync();
    }

    private async Task WriteAsync(UpsertRow[] rows)
    {
        await using var transaction = await Connection.BeginTransactionAsync();
        await UpsertTable.UpsertAsync(Connection, transaction, rows, _context, CancellationToken.None);
        await transaction.CommitAsync();
    }
}

public class SqliteUpsertBenchmarks : UpsertBenchmarks
{
    protected override string Provider => BenchDatabases.Sqlite;
}

public class PostgresUpsertBenchmarks : UpsertBenchmarks
{
    protected override string Provider => BenchDatabases.Postgres;
}
