using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace PersonalFinance.Api.Data;

/// Per-connection SQLite settings, applied when a connection opens at the cost of a native call, and once per native
/// connection (pooled connections keep theirs) for what needs a statement:
/// - SQLite itself waits for a busy database. Left to Microsoft.Data.Sqlite, a statement that finds the write lock taken
///   blocks its thread for 150 ms before trying again, so a few concurrent writers (sync workers, a login) queue in
///   150 ms steps; SQLite's own busy handler retries within milliseconds.
/// - synchronous=NORMAL, the setting SQLite recommends with WAL: a commit no longer waits for the disk, yet survives a
///   crash of the app; only a power loss or an operating-system crash may undo the last commits, never corrupt the
///   file (ADR 007).
internal sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSetup Instance = new();

    private static readonly ConditionalWeakTable<sqlite3, object> Prepared = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite)
        {
            return;
        }

        // The same bound Microsoft.Data.Sqlite applies to its own retries: the connection's default command timeout.
        raw.sqlite3_busy_timeout(handle, sqlite.DefaultTimeout * 1000);
        if (!Prepared.TryGetValue(handle, out _))
        {
            raw.sqlite3_exec(handle, "PRAGMA synchronous=NORMAL;");
            Prepared.AddOrUpdate(handle, Prepared);
        }
    }
}
