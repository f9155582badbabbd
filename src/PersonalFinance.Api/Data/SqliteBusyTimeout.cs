using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PersonalFinance.Api.Data;

/// Lets SQLite itself wait for a busy database. Left to Microsoft.Data.Sqlite, a statement that finds the write lock
/// taken blocks its thread for 150 ms before trying again, so a few concurrent writers (sync workers, a login) queue in
/// 150 ms steps; SQLite's own busy handler retries within milliseconds. A native call on open, not a statement.
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeout Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } sqlite)
        {
            // The same bound Microsoft.Data.Sqlite applies to its own retries: the connection's default command timeout.
            SQLitePCL.raw.sqlite3_busy_timeout(handle, sqlite.DefaultTimeout * 1000);
        }
    }
}
