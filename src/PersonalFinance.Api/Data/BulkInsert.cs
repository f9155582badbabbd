using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace PersonalFinance.Api.Data;

/// Inserts many new rows of one entity type inside the context's current transaction: on PostgreSQL with one binary COPY,
/// on SQLite with one prepared statement reused for every row. EF's SaveChanges sends each new row as a statement of its
/// own (SQLite prepares each again; PostgreSQL parses and plans each batch), which for the hundreds of transactions of a
/// first sync is most of the cost. Column names, types and values come from EF's model and type mappings (value
/// converters included), so the rows are stored exactly as EF would store them. The rows are not tracked.
internal static class BulkInsert
{
    public static async Task InsertAsync<T>(AppDbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity type.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var properties = entityType.GetProperties().ToArray();
        if (properties.Any(p => p.IsShadowProperty() || p.ValueGenerated != ValueGenerated.Never && !p.IsPrimaryKey()))
        {
            throw new InvalidOperationException($"{typeof(T).Name} has shadow or store-generated properties; insert it through the change tracker.");
        }

        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)));
        var values = string.Join(", ", properties.Select((_, i) => "@p" + i));
        var mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToArray();
        var getters = properties.Select(p => p.GetGetter()).ToArray();

        var connection = db.Database.GetDbConnection();
        if (connection is NpgsqlConnection npgsql)
        {
            await CopyAsync(npgsql, $"COPY {sql.DelimitIdentifier(table.Name, table.Schema)} ({columns}) FROM STDIN (FORMAT BINARY)", rows, mappings, getters, cancellationToken);
            return;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk inserts run inside the caller's transaction.");
        command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({columns}) VALUES ({values})";
        foreach (var row in rows)
        {
            command.Parameters.Clear();
            for (var i = 0; i < properties.Length; i++)
            {
                command.Parameters.Add(mappings[i].CreateParameter(command, "@p" + i, getters[i].GetClrValueUsingContainingEntity(row), properties[i].IsNullable));
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task CopyAsync<T>(
        NpgsqlConnection connection, string copy, IReadOnlyCollection<T> rows, RelationalTypeMapping[] mappings, IClrPropertyGetter[] getters, CancellationToken cancellationToken)
        where T : class
    {
        // COPY names types without their facets: "character varying(200)" is written as "character varying".
        var types = mappings.Select(m => m.StoreType.Split('(')[0].Trim()).ToArray();
        await using var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            for (var i = 0; i < mappings.Length; i++)
            {
                var value = getters[i].GetClrValueUsingContainingEntity(row);
                var stored = value is null ? null : mappings[i].Converter?.ConvertToProvider(value) ?? value;
                if (stored is null)
                {
                    await importer.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await importer.WriteAsync(stored, types[i], cancellationToken);
                }
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }
}
