using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace PersonalFinance.Api.Data;

/// Inserts many new rows of one entity type with a single prepared statement reused for every row, inside the context's
/// current transaction. EF's SaveChanges sends each new row as a statement of its own, which SQLite prepares again
/// every time; for the hundreds of transactions of a first sync that preparation is most of the cost. Column names and
/// values come from EF's model and type mappings (value converters included), so the rows are stored exactly as EF
/// would store them. The rows are not tracked.
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

        await using var command = db.Database.GetDbConnection().CreateCommand();
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
}
