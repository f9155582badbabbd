using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Data;
using PersonalFinance.Api.GoCardlessStore;
using PersonalFinance.Api.Tests.Sync;
using PersonalFinance.Api.Transactions;

namespace PersonalFinance.Api.Tests.Data;

/// Rows written by BulkInsert must be stored exactly as EF's change tracker stores them: every column, byte for byte.
public sealed class BulkInsertTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BulkInsertedRows_AreStoredExactlyAsTheChangeTrackerStoresThem()
    {
        await using var kit = await SyncTestKit.LinkAsync();
        await using var db = kit.Api.CreateDbContext();
        var account = await db.Accounts.AsNoTracking().FirstAsync(Ct);
        var gcAccount = account.ProviderId;
        Transaction Unified(string key) => new()
        {
            Id = Guid.NewGuid(),
            AccountId = account.Id,
            ProviderKey = key,
            Status = TransactionStatus.Booked,
            BookingDate = new DateOnly(2026, 11, 30),
            ValueDate = null,
            BookedAt = new DateTime(2026, 11, 30, 14, 5, 6, 789, DateTimeKind.Utc),
            Amount = -1234.567891m,
            Currency = "EUR",
            CounterpartyName = "Zoë's Café",
            CounterpartyAccount = null,
            Description = "Rent — November",
            Category = null,
            CreatedAt = new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc),
            UpdatedAt = new DateTime(2026, 12, 1, 8, 0, 0, 123, DateTimeKind.Utc),
        };
        GcTransaction Raw(string key) => new()
        {
            Id = Guid.NewGuid(),
            AccountId = gcAccount,
            ProviderKey = key,
            Status = "booked",
            TransactionId = "T-1",
            InternalTransactionId = null,
            BookingDate = new DateOnly(2026, 11, 30),
            Amount = 0.01m,
            Currency = "GBP",
            RemittanceInformation = "line one\nline two",
            Raw = """{"transactionAmount":{"amount":"0.01","currency":"GBP"}}""",
            FetchedAt = new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc),
        };

        db.Transactions.Add(Unified("tracked"));
        db.GcTransactions.Add(Raw("tracked"));
        await db.SaveChangesAsync(Ct);
        await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
        {
            await BulkInsert.InsertAsync(db, [Unified("bulk")], Ct);
            await BulkInsert.InsertAsync(db, [Raw("bulk")], Ct);
            await transaction.CommitAsync(Ct);
        }

        await AssertSameColumnsAsync(db, "transactions");
        await AssertSameColumnsAsync(db, "gc_transactions");
    }

    private static async Task AssertSameColumnsAsync(AppDbContext db, string table)
    {
        var tracked = await RowAsync(db, table, "tracked");
        var bulk = await RowAsync(db, table, "bulk");
        Assert.Equal(tracked.Keys.Order(), bulk.Keys.Order());
        foreach (var (column, value) in tracked.Where(c => c.Key is not ("id" or "provider_key")))
        {
            Assert.True(Equals(value, bulk[column]), $"{table}.{column}: change tracker stored {Describe(value)}, bulk insert {Describe(bulk[column])}");
        }

        Assert.Equal(tracked["id"]!.GetType(), bulk["id"]!.GetType());
    }

    private static async Task<Dictionary<string, object?>> RowAsync(AppDbContext db, string table, string key)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table} WHERE provider_key = '{key}'";
        await using DbDataReader reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        return Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i));
    }

    private static string Describe(object? value) => value is null ? "NULL" : $"{value} ({value.GetType().Name})";
}
