using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PersonalFinance.Api.Accounts;
using PersonalFinance.Api.Auth;
using PersonalFinance.Api.Connections;
using PersonalFinance.Api.Data;
using PersonalFinance.Api.Institutions;

namespace PersonalFinance.Bench.Micro;

/// Fresh, migrated databases for the in-process items: a SQLite file under the work folder, or a database on the
/// throwaway PostgreSQL server bench/run.sh started (PF_BENCH_POSTGRES, an admin connection string).
internal static class BenchDatabases
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public static string? PostgresAdmin => Environment.GetEnvironmentVariable("PF_BENCH_POSTGRES") is { Length: > 0 } value ? value : null;

    public static string WorkDirectory => Environment.GetEnvironmentVariable("PF_BENCH_WORK") is { Length: > 0 } value ? value : Path.GetTempPath();

    public static IEnumerable<string> Providers => PostgresAdmin is null ? [Sqlite] : [Sqlite, Postgres];

    /// Creates and migrates a database; returns its connection string.
    public static string Create(string provider, string name)
    {
        if (provider == Postgres)
        {
            var database = $"pf_bench_{name}_{Guid.NewGuid():N}"[..40];
            using (var admin = new NpgsqlConnection(PostgresAdmin))
            {
                admin.Open();
                using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
                create.ExecuteNonQuery();
            }

            var connectionString = new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = database, Pooling = true }.ToString();
            using var db = CreateContext(provider, connectionString);
            db.Database.Migrate();
            return connectionString;
        }

        var path = Path.Combine(WorkDirectory, $"{name}-{Guid.NewGuid():N}.db");
        var sqlite = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        using (var db = CreateContext(provider, sqlite))
        {
            db.Database.Migrate();
        }

        return sqlite;
    }

    public static AppDbContext CreateContext(string provider, string connectionString) => provider == Postgres
        ? new PostgresAppDbContext((DbContextOptions<PostgresAppDbContext>)DataServiceCollectionExtensions
            .ConfigurePostgres(new DbContextOptionsBuilder<PostgresAppDbContext>(), connectionString).Options)
        : new SqliteAppDbContext((DbContextOptions<SqliteAppDbContext>)DataServiceCollectionExtensions
            .ConfigureSqlite(new DbContextOptionsBuilder<SqliteAppDbContext>(), connectionString).Options);

    public static void Drop(string provider, string connectionString)
    {
        if (provider == Postgres)
        {
            NpgsqlConnection.ClearAllPools();
            var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
            using var admin = new NpgsqlConnection(PostgresAdmin);
            admin.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
            drop.ExecuteNonQuery();
            return;
        }

        SqliteConnection.ClearAllPools();
        var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    /// A user with <paramref name="accounts"/> accounts with balances, among other users' rows, like the P1 user.
    public static Guid SeedAccountsUser(AppDbContext db, int accounts, int otherUsers)
    {
        var now = DateTime.UtcNow;
        db.Institutions.Add(new Institution { Id = "BENCH_BANK_0000", Provider = "gocardless", Name = "Bench Bank", CreatedAt = now, UpdatedAt = now, MaxAccessValidForDays = 90 });
        Guid target = Guid.Empty;
        for (var u = 0; u <= otherUsers; u++)
        {
            var user = new User { Id = Guid.NewGuid(), Username = $"bench{u}", FirstName = "B", LastName = "U", PasswordHash = "x", CreatedAt = now, UpdatedAt = now };
            db.Users.Add(user);
            target = u == 0 ? user.Id : target;
            for (var c = 0; c < 2; c++)
            {
                var connection = new Connection
                {
                    Id = Guid.NewGuid(),
                    UserId = user.Id,
                    Provider = "gocardless",
                    ProviderId = $"req-{u}-{c}",
                    InstitutionId = "BENCH_BANK_0000",
                    FriendlyName = $"Bank {c}",
                    Status = ConnectionStatus.Active,
                    CreatedAt = now.AddMinutes(-c),
                    UpdatedAt = now,
                };
                db.Connections.Add(connection);
                for (var a = 0; a < accounts / 2; a++)
                {
                    db.Accounts.Add(new Account
                    {
                        Id = Guid.NewGuid(),
                        ConnectionId = connection.Id,
                        ProviderId = $"acc-{u}-{c}-{a}",
                        DisplayName = a % 3 == 0 ? $"Account {c}-{a}" : null,
                        Name = $"Current account {c}-{a}",
                        Iban = $"GB{10 + a:00}BENC{c:0000}{a:00000000000000}"[..22],
                        Currency = "EUR",
                        Status = AccountStatus.Active,
                        BalanceAmount = 1234.56m + (a * 101.25m),
                        BalanceCurrency = "EUR",
                        BalanceType = "interimAvailable",
                        LastSyncedAt = now,
                        CreatedAt = now,
                        UpdatedAt = now,
                    });
                }
            }
        }

        db.SaveChanges();
        db.ChangeTracker.Clear();
        return target;
    }
}
