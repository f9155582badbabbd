using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PersonalFinance.Api.Data;

namespace PersonalFinance.Api.Tests.Infrastructure;

/// A fresh, migrated database for one test host: a copy of a migrated SQLite template file, or a PostgreSQL
/// database created from a migrated template on the throwaway server the test command started.
/// The lane comes from PF_TEST_DATABASE (sqlite, the default, or postgres) and PF_TEST_POSTGRES (admin connection string).
internal sealed class TestDatabase : IAsyncDisposable
{
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _sqliteTemplate;
    private static string? _postgresTemplate;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _postgresName = postgresName;
    }

    private readonly string? _postgresName;

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    public static DatabaseProvider Lane =>
        string.Equals(Environment.GetEnvironmentVariable("PF_TEST_DATABASE"), "postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    public static string PostgresAdminConnectionString =>
        Environment.GetEnvironmentVariable("PF_TEST_POSTGRES")
        ?? throw new InvalidOperationException("PF_TEST_DATABASE=postgres needs PF_TEST_POSTGRES (the test command sets both).");

    /// Settings that point the app at this database.
    public IEnumerable<KeyValuePair<string, string?>> Settings =>
        Provider == DatabaseProvider.Postgres
            ? [new("ConnectionStrings:Postgres", ConnectionString), new("Database:Provider", "Postgres")]
            : [new("ConnectionStrings:Sqlite", ConnectionString), new("Database:Provider", "Sqlite")];

    public static async Task<TestDatabase> CreateAsync(CancellationToken cancellationToken = default) =>
        Lane == DatabaseProvider.Postgres ? await CreatePostgresAsync(cancellationToken) : await CreateSqliteAsync(cancellationToken);

    public static async Task<TestDatabase> CreateSqliteAsync(CancellationToken cancellationToken)
    {
        var template = await SqliteTemplateAsync(cancellationToken);
        var path = Path.Combine(TestPaths.Scratch, $"test-{Guid.NewGuid():N}.db");
        File.Copy(template, path);
        return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={path}", null);
    }

    public static async Task<TestDatabase> CreatePostgresAsync(CancellationToken cancellationToken)
    {
        var template = await PostgresTemplateAsync(cancellationToken);
        var name = $"pf_test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(PostgresAdminConnectionString))
        {
            await admin.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"", admin);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new TestDatabase(DatabaseProvider.Postgres, DatabaseConnectionString(name), name);
    }

    /// A database with no schema at all, for the migrate verb.
    public static async Task<TestDatabase> CreateEmptyAsync(CancellationToken cancellationToken = default)
    {
        if (Lane == DatabaseProvider.Sqlite)
        {
            return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(TestPaths.Scratch, $"empty-{Guid.NewGuid():N}.db")}", null);
        }

        var name = $"pf_test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(PostgresAdminConnectionString))
        {
            await admin.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new TestDatabase(DatabaseProvider.Postgres, DatabaseConnectionString(name), name);
    }

    /// A context on this database outside any host, for arranging and asserting rows.
    public AppDbContext CreateContext() => Provider == DatabaseProvider.Postgres
        ? new PostgresAppDbContext((DbContextOptions<PostgresAppDbContext>)DataServiceCollectionExtensions
            .ConfigurePostgres(new DbContextOptionsBuilder<PostgresAppDbContext>(), ConnectionString).Options)
        : new SqliteAppDbContext((DbContextOptions<SqliteAppDbContext>)DataServiceCollectionExtensions
            .ConfigureSqlite(new DbContextOptionsBuilder<SqliteAppDbContext>(), ConnectionString).Options);

    public async ValueTask DisposeAsync()
    {
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(PostgresAdminConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            SqliteConnection.ClearAllPools();
            var path = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                try
                {
                    File.Delete(file);
                }
                catch (IOException)
                {
                    // A file still open by a finishing host is left for the scratch folder's cleanup.
                }
            }
        }
    }

    private static string DatabaseConnectionString(string name) =>
        new NpgsqlConnectionStringBuilder(PostgresAdminConnectionString) { Database = name, Pooling = true, MaxPoolSize = 20 }.ToString();

    private static async Task<string> SqliteTemplateAsync(CancellationToken cancellationToken)
    {
        await TemplateLock.WaitAsync(cancellationToken);
        try
        {
            if (_sqliteTemplate is null)
            {
                var path = Path.Combine(TestPaths.Scratch, $"template-{Guid.NewGuid():N}.db");
                var options = DataServiceCollectionExtensions.ConfigureSqlite(new DbContextOptionsBuilder<SqliteAppDbContext>(), $"Data Source={path};Pooling=False");
                await using (var db = new SqliteAppDbContext((DbContextOptions<SqliteAppDbContext>)options.Options))
                {
                    await db.Database.MigrateAsync(cancellationToken);
                    // Fold the WAL into the main file so that a plain copy carries the whole schema.
                    await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;", cancellationToken);
                }

                _sqliteTemplate = path;
            }

            return _sqliteTemplate;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task<string> PostgresTemplateAsync(CancellationToken cancellationToken)
    {
        await TemplateLock.WaitAsync(cancellationToken);
        try
        {
            if (_postgresTemplate is null)
            {
                var name = $"pf_template_{Guid.NewGuid():N}";
                await using (var admin = new NpgsqlConnection(PostgresAdminConnectionString))
                {
                    await admin.OpenAsync(cancellationToken);
                    await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
                    await create.ExecuteNonQueryAsync(cancellationToken);
                }

                var options = DataServiceCollectionExtensions.ConfigurePostgres(
                    new DbContextOptionsBuilder<PostgresAppDbContext>(),
                    new NpgsqlConnectionStringBuilder(DatabaseConnectionString(name)) { Pooling = false }.ToString());
                await using (var db = new PostgresAppDbContext((DbContextOptions<PostgresAppDbContext>)options.Options))
                {
                    await db.Database.MigrateAsync(cancellationToken);
                }

                _postgresTemplate = name;
            }

            return _postgresTemplate;
        }
        finally
        {
            TemplateLock.Release();
        }
    }
}
