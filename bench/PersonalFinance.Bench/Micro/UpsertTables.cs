using System.Data.Common;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using PersonalFinance.Api.Data;

namespace PersonalFinance.Bench.Micro;

/// The two tables a sync writes per transaction, described once so every path writes the same columns and values.
internal sealed record UpsertColumn(string Name, Func<UpsertRow, UpsertContext, object?> Value, NpgsqlDbType PostgresType, bool Updatable);

internal sealed record UpsertContext(Guid AccountId, string GcAccountId, DateTime Now, bool Postgres)
{
    public object Id(UpsertRow row, string table) =>
        Postgres ? DeterministicGuid(row.Key, table) : DeterministicGuid(row.Key, table).ToString().ToUpperInvariant();

    public object Account => Postgres ? AccountId : AccountId.ToString().ToUpperInvariant();

    private static Guid DeterministicGuid(string key, string table) =>
        new(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(table + key)).AsSpan(0, 16));
}

internal sealed record UpsertTable(string Name, IReadOnlyList<UpsertColumn> Columns)
{
    public static IReadOnlyList<UpsertTable> All { get; } =
    [
        new("gc_transactions",
        [
            new("id", (r, c) => c.Id(r, "gc"), NpgsqlDbType.Uuid, false),
            new("account_id", (_, c) => c.GcAccountId, NpgsqlDbType.Varchar, false),
            new("provider_key", (r, _) => r.Key, NpgsqlDbType.Varchar, false),
            new("internal_transaction_id", (r, _) => r.InternalId, NpgsqlDbType.Varchar, true),
            new("status", (_, _) => "booked", NpgsqlDbType.Varchar, true),
            new("booking_date", (r, _) => r.BookingDate, NpgsqlDbType.Date, true),
            new("amount", (r, _) => MoneyConverter.ToStored(r.Amount), NpgsqlDbType.Bigint, true),
            new("currency", (r, _) => r.Currency, NpgsqlDbType.Varchar, true),
            new("creditor_name", (r, _) => r.Counterparty, NpgsqlDbType.Varchar, true),
            new("remittance_information", (r, _) => r.Description, NpgsqlDbType.Text, true),
            new("raw", (r, _) => r.Raw, NpgsqlDbType.Text, true),
            new("fetched_at", (_, c) => c.Now, NpgsqlDbType.TimestampTz, true),
        ]),
        new("transactions",
        [
            new("id", (r, c) => c.Id(r, "tx"), NpgsqlDbType.Uuid, false),
            new("account_id", (_, c) => c.Account, NpgsqlDbType.Uuid, false),
            new("provider_key", (r, _) => r.Key, NpgsqlDbType.Varchar, false),
            new("status", (_, _) => "booked", NpgsqlDbType.Varchar, true),
            new("booking_date", (r, _) => r.BookingDate, NpgsqlDbType.Date, true),
            new("value_date", (r, _) => r.BookingDate, NpgsqlDbType.Date, true),
            new("amount", (r, _) => MoneyConverter.ToStored(r.Amount), NpgsqlDbType.Bigint, true),
            new("currency", (r, _) => r.Currency, NpgsqlDbType.Varchar, true),
            new("counterparty_name", (r, _) => r.Counterparty, NpgsqlDbType.Varchar, true),
            new("description", (r, _) => r.Description, NpgsqlDbType.Varchar, true),
            new("created_at", (_, c) => c.Now, NpgsqlDbType.TimestampTz, false),
            new("updated_at", (_, c) => c.Now, NpgsqlDbType.TimestampTz, true),
        ]),
    ];

    private string ColumnList => string.Join(", ", Columns.Select(c => c.Name));

    /// Baseline: a plain single-row INSERT, prepared once and reused for every row.
    public string InsertSql(string parameterPrefix) =>
        $"INSERT INTO {Name} ({ColumnList}) VALUES ({string.Join(", ", Columns.Select((_, i) => $"{parameterPrefix}p{i}"))})";

    /// Ours: a multi-row upsert that only rewrites rows whose values changed.
    public string UpsertSql(int rows, bool postgres)
    {
        var sql = new StringBuilder($"INSERT INTO {Name} ({ColumnList}) VALUES ");
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            sql.AppendJoin(", ", Columns.Select((_, i) => $"@r{r}c{i}"));
            sql.Append(')');
        }

        var distinct = postgres ? "IS DISTINCT FROM" : "IS NOT";
        var updatable = Columns.Where(c => c.Updatable && c.Name is not ("updated_at" or "fetched_at")).ToList();
        sql.Append(" ON CONFLICT (account_id, provider_key) DO UPDATE SET ");
        sql.AppendJoin(", ", Columns.Where(c => c.Updatable).Select(c => $"{c.Name} = excluded.{c.Name}"));
        sql.Append(" WHERE ");
        sql.AppendJoin(" OR ", updatable.Select(c => $"{Name}.{c.Name} {distinct} excluded.{c.Name}"));
        return sql.ToString();
    }

    public static async Task UpsertAsync(DbConnection connection, DbTransaction transaction, UpsertRow[] rows, UpsertContext context, CancellationToken cancellationToken)
    {
        // SQLite looks parameters up by name in a linear scan, so its batches stay small; PostgreSQL takes large ones.
        var batch = context.Postgres ? 500 : 50;
        foreach (var table in All)
        {
            DbCommand? full = null;
            for (var offset = 0; offset < rows.Length; offset += batch)
            {
                var count = Math.Min(batch, rows.Length - offset);
                var command = count == batch && full is not null ? full : connection.CreateCommand();
                if (command != full)
                {
                    command.Transaction = transaction;
                    command.CommandText = table.UpsertSql(count, context.Postgres);
                    for (var r = 0; r < count; r++)
                    {
                        for (var i = 0; i < table.Columns.Count; i++)
                        {
                            var parameter = command.CreateParameter();
                            parameter.ParameterName = $"@r{r}c{i}";
                            if (parameter is NpgsqlParameter npgsql)
                            {
                                npgsql.NpgsqlDbType = table.Columns[i].PostgresType;
                            }

                            command.Parameters.Add(parameter);
                        }
                    }

                    if (count == batch)
                    {
                        full = command;
                    }
                }

                for (var r = 0; r < count; r++)
                {
                    for (var i = 0; i < table.Columns.Count; i++)
                    {
                        command.Parameters[(r * table.Columns.Count) + i].Value = table.Columns[i].Value(rows[offset + r], context) ?? DBNull.Value;
                    }
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
                if (command != full)
                {
                    await command.DisposeAsync();
                }
            }

            if (full is not null)
            {
                await full.DisposeAsync();
            }
        }
    }

    /// SQLite baseline: raw INSERT of every row, one transaction, one reused command per table.
    public static async Task InsertAsync(DbConnection connection, DbTransaction transaction, UpsertRow[] rows, UpsertContext context, CancellationToken cancellationToken)
    {
        foreach (var table in All)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = table.InsertSql("@");
            var parameters = new DbParameter[table.Columns.Count];
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i] = command.CreateParameter();
                parameters[i].ParameterName = $"@p{i}";
                command.Parameters.Add(parameters[i]);
            }

            command.Prepare();
            foreach (var row in rows)
            {
                for (var i = 0; i < parameters.Length; i++)
                {
                    parameters[i].Value = table.Columns[i].Value(row, context) ?? DBNull.Value;
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    /// PostgreSQL baseline: binary COPY of every row into the (empty) tables.
    public static async Task CopyAsync(NpgsqlConnection connection, UpsertRow[] rows, UpsertContext context, CancellationToken cancellationToken)
    {
        foreach (var table in All)
        {
            await using var writer = await connection.BeginBinaryImportAsync($"COPY {table.Name} ({table.ColumnList}) FROM STDIN (FORMAT BINARY)", cancellationToken);
            foreach (var row in rows)
            {
                await writer.StartRowAsync(cancellationToken);
                foreach (var column in table.Columns)
                {
                    await writer.WriteAsync(column.Value(row, context), column.PostgresType, cancellationToken);
                }
            }

            await writer.CompleteAsync(cancellationToken);
        }
    }

    public static async Task ClearAsync(DbConnection connection, string gcAccountId, Guid accountId, bool postgres, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = postgres
            ? $"DELETE FROM gc_transactions WHERE account_id = '{gcAccountId}'; DELETE FROM transactions WHERE account_id = '{accountId}'"
            : $"DELETE FROM gc_transactions WHERE account_id = '{gcAccountId}'; DELETE FROM transactions WHERE account_id = '{accountId.ToString().ToUpperInvariant()}'";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
