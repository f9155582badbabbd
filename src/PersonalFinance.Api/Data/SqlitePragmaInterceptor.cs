using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PersonalFinance.Api.Data;

/// WAL lets readers work while a sync writes; the busy timeout makes a writer wait for the lock instead of failing at once.
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    public static SqlitePragmaInterceptor Instance { get; } = new();

    private const string ReadWritePragmas = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA synchronous=NORMAL;";

    // EF opens read-only connections to probe whether the file exists; those cannot change the journal mode.
    private const string ReadOnlyPragmas = "PRAGMA busy_timeout=5000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = PragmasFor(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = PragmasFor(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string PragmasFor(DbConnection connection) =>
        new SqliteConnectionStringBuilder(connection.ConnectionString).Mode == SqliteOpenMode.ReadOnly ? ReadOnlyPragmas : ReadWritePragmas;
}
