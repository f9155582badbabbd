using System.Data.Common;
using Npgsql;

namespace PersonalFinance.Bench.Micro;

/// The rows of one table as ours stored them: column names, PostgreSQL type names, and each row's values.
internal sealed record CapturedTable(string Name, IReadOnlyList<string> Columns, IReadOnlyList<string> TypeNames, List<object?[]> Rows);

/// P4/P5 baselines: the fastest plain load of exactly what our writer stored, into the emptied tables.
internal static class BaselineLoad
{
    /// The two tables a sync writes transactions to.
    public static readonly string[] Tables = ["gc_transactions", "transactions"];

    public static async Task<List<CapturedTable>> CaptureAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var result = new List<CapturedTable>();
        foreach (var table in Tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table}";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            var types = Enumerable.Range(0, reader.FieldCount).Select(reader.GetDataTypeName).ToList();
            var rows = new List<object?[]>();
            while (await reader.ReadAsync(cancellationToken))
            {
                var values = new object?[reader.FieldCount];
                for (var i = 0; i < values.Length; i++)
                {
                    // Npgsql reads date as DateTime; binary COPY needs the CLR type that matches the column.
                    values[i] = reader.IsDBNull(i) ? null : types[i] == "date" ? reader.GetFieldValue<DateOnly>(i) : reader.GetValue(i);
                }

                rows.Add(values);
            }

            result.Add(new CapturedTable(table, columns, types, rows));
        }

        return result;
    }

    /// PostgreSQL baseline: binary COPY of every row.
    public static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<CapturedTable> tables, CancellationToken cancellationToken)
    {
        foreach (var table in tables)
        {
            await using var writer = await connection.BeginBinaryImportAsync(
                $"COPY {table.Name} ({string.Join(", ", table.Columns)}) FROM STDIN (FORMAT BINARY)", cancellationToken);
            foreach (var row in table.Rows)
            {
                await writer.StartRowAsync(cancellationToken);
                for (var i = 0; i < row.Length; i++)
                {
                    if (row[i] is null)
                    {
                        await writer.WriteNullAsync(cancellationToken);
                    }
                    else
                    {
                        await writer.WriteAsync(row[i], table.TypeNames[i], cancellationToken);
                    }
                }
            }

            await writer.CompleteAsync(cancellationToken);
        }
    }

    /// SQLite baseline: raw INSERT of every row in one transaction, one prepared command per table reused for every row.
    public static async Task InsertAsync(DbConnection connection, IReadOnlyList<CapturedTable> tables, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO {table.Name} ({string.Join(", ", table.Columns)}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"@p{i}"))})";
            var parameters = new DbParameter[table.Columns.Count];
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i] = command.CreateParameter();
                parameters[i].ParameterName = $"@p{i}";
                command.Parameters.Add(parameters[i]);
            }

            command.Prepare();
            foreach (var row in table.Rows)
            {
                for (var i = 0; i < parameters.Length; i++)
                {
                    parameters[i].Value = row[i] ?? DBNull.Value;
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public static async Task ClearAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = string.Join("; ", Tables.Select(t => $"DELETE FROM {t}"));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
