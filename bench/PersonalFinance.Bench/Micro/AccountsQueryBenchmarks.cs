using System.Data.Common;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Accounts;
using PersonalFinance.Api.Data;

namespace PersonalFinance.Bench.Micro;

/// P3: GET /api/accounts' no-tracking projection against a DbDataReader over the very SQL EF generates, on the same
/// open connection. The query is AccountsEndpoints.ListAsync's, written out here because the handler is private.
[MemoryDiagnoser]
public class AccountsQueryBenchmarks
{
    private AppDbContext _db = null!;
    private DbCommand _command = null!;
    private string _connectionString = "";
    private Guid _userId;

    [ParamsSource(nameof(Providers))]
    public string Provider { get; set; } = BenchDatabases.Sqlite;

    public static IEnumerable<string> Providers => BenchDatabases.Providers;

    [GlobalSetup]
    public void Setup()
    {
        _connectionString = BenchDatabases.Create(Provider, "p3");
        _db = BenchDatabases.CreateContext(Provider, _connectionString);
        _userId = BenchDatabases.SeedAccountsUser(_db, accounts: 20, otherUsers: 200);
        _db.Database.OpenConnection();
        _command = Query(_db, _userId).CreateDbCommand();
        if (Environment.GetEnvironmentVariable("PF_BENCH_PRINT_SQL") == "1")
        {
            Console.WriteLine(_command.CommandText);
        }

        var ef = Query(_db, _userId).ToList();
        var raw = ReadAllAsync().GetAwaiter().GetResult();
        if (ef.Count != 20 || !ef.SequenceEqual(raw, AccountResponseComparer.Instance))
        {
            throw new InvalidOperationException($"The reader does not read what EF reads ({ef.Count} vs {raw.Count} rows).");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _command.Dispose();
        _db.Database.CloseConnection();
        _db.Dispose();
        BenchDatabases.Drop(Provider, _connectionString);
    }

    [Benchmark(Description = "EF no-tracking projection")]
    public async Task<int> EfProjectionAsync() => (await Query(_db, _userId).ToListAsync()).Count;

    [Benchmark(Baseline = true, Description = "DbDataReader, same SQL")]
    public async Task<int> ReaderAsync() => (await ReadAllAsync()).Count;

    private async Task<List<AccountResponse>> ReadAllAsync()
    {
        var result = new List<AccountResponse>();
        await using var command = _db.Database.GetDbConnection().CreateCommand();
        command.CommandText = _command.CommandText;
        foreach (DbParameter template in _command.Parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = template.ParameterName;
            parameter.DbType = template.DbType;
            parameter.Value = template.Value;
            command.Parameters.Add(parameter);
        }

        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add(Read(reader));
        }

        return result;
    }

    internal static IQueryable<AccountResponse> Query(AppDbContext db, Guid userId)
    {
        Guid? connectionId = null;
        var query = from account in db.Accounts.AsNoTracking()
                    join connection in db.Connections on account.ConnectionId equals connection.Id
                    where connection.UserId == userId && (connectionId == null || connection.Id == connectionId)
                    orderby connection.CreatedAt descending, connection.Id, account.DisplayName ?? account.Name, account.Id
                    select account;
        return query.Select(a => new AccountResponse(
            a.Id,
            a.ConnectionId,
            a.DisplayName,
            a.Name,
            a.Iban,
            a.Currency,
            a.Status == AccountStatus.Active ? "active" : "inactive",
            a.BalanceAmount == null ? null : new BalanceResponse(a.BalanceAmount.Value, a.BalanceCurrency ?? a.Currency ?? "", a.BalanceType ?? ""),
            a.LastSyncedAt));
    }

    /// Reads the columns of EF's SQL by position: id, connection_id, display_name, name, iban, currency, status
    /// text, balance present, amount, balance currency, balance type, last_synced_at.
    private static AccountResponse Read(DbDataReader reader)
    {
        static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
        BalanceResponse? balance = null;
        if (!reader.IsDBNull(8))
        {
            balance = new BalanceResponse(MoneyConverter.FromStored(reader.GetInt64(8)), reader.GetString(9), reader.GetString(10));
        }

        DateTime? lastSynced = reader.IsDBNull(11) ? null : DateTime.SpecifyKind(reader.GetDateTime(11), DateTimeKind.Utc);
        return new AccountResponse(reader.GetGuid(0), reader.GetGuid(1), Text(reader, 2), Text(reader, 3), Text(reader, 4), Text(reader, 5),
            reader.GetString(6), balance, lastSynced);
    }

    private sealed class AccountResponseComparer : IEqualityComparer<AccountResponse>
    {
        public static AccountResponseComparer Instance { get; } = new();

        public bool Equals(AccountResponse? x, AccountResponse? y) => x == y;

        public int GetHashCode(AccountResponse obj) => obj.GetHashCode();
    }
}
