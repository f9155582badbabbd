using System.Globalization;
using PersonalFinance.Api.Accounts;
using PersonalFinance.Api.Connections;
using PersonalFinance.Api.Data;
using PersonalFinance.Api.GoCardlessStore;
using PersonalFinance.Api.Institutions;

namespace PersonalFinance.Bench.Micro;

/// One generated booked transaction as both tables store it.
internal sealed record UpsertRow(string Key, string InternalId, DateOnly BookingDate, decimal Amount, string Currency, string Counterparty, string Description, string Raw);

/// The data of P4 and P5: one account with N booked transactions (PF_BENCH_ROWS, default 100,000), generated
/// deterministically; a copy with 10 % of the amounts and descriptions changed.
internal static class UpsertData
{
    public const string OursDescription =
        "ours: one INSERT … ON CONFLICT (account_id, provider_key) DO UPDATE … WHERE changed per batch (50 rows on SQLite, 500 on PostgreSQL) into gc_transactions and transactions, in one transaction "
        + "(the sync pipeline's writer had not been merged; this is the best equivalent set-based code)";

    public const string WhyMissed =
        "Each row is written twice (raw and unified), through a unique-index probe per row; the baseline appends to empty tables with no conflict handling.";

    public static int Rows => Environment.GetEnvironmentVariable("PF_BENCH_ROWS") is { Length: > 0 } value ? int.Parse(value, CultureInfo.InvariantCulture) : 100_000;

    public static UpsertRow[] Generate(int count, bool changed)
    {
        var rows = new UpsertRow[count];
        var start = new DateOnly(2024, 1, 1);
        for (var i = 0; i < count; i++)
        {
            var id = i.ToString("x32", CultureInfo.InvariantCulture);
            var amount = Math.Round(((i * 7919) % 200_000 - 100_000) / 100m, 2);
            var description = $"Card payment {i % 997} at shop {i % 89}";
            if (changed && i % 10 == 0)
            {
                amount += 0.01m;
                description += " (corrected)";
            }

            var date = start.AddDays(i % 730);
            var counterparty = $"Shop {i % 89}";
            var raw = $$"""{"internalTransactionId":"{{id}}","bookingDate":"{{date:yyyy-MM-dd}}","transactionAmount":{"amount":"{{amount.ToString(CultureInfo.InvariantCulture)}}","currency":"EUR"},"creditorName":"{{counterparty}}","remittanceInformationUnstructured":"{{description}}"}""";
            rows[i] = new UpsertRow("iid:" + id, id, date, amount, "EUR", counterparty, description, raw);
        }

        return rows;
    }

    /// The rows the transactions hang off: an institution, a user, a connection, a raw and a unified account.
    public static (Guid AccountId, string GcAccountId) SeedAccount(AppDbContext db)
    {
        var now = DateTime.UtcNow;
        db.Institutions.Add(new Institution { Id = "BENCH_BANK_0000", Provider = "gocardless", Name = "Bench Bank", CreatedAt = now, UpdatedAt = now, MaxAccessValidForDays = 90 });
        var user = new PersonalFinance.Api.Auth.User { Id = Guid.NewGuid(), Username = "bench", FirstName = "B", LastName = "U", PasswordHash = "x", CreatedAt = now, UpdatedAt = now };
        db.Users.Add(user);
        var connection = new Connection
        {
            Id = Guid.NewGuid(),
            UserId = user.Id,
            Provider = "gocardless",
            ProviderId = "req-bench",
            InstitutionId = "BENCH_BANK_0000",
            FriendlyName = "Bench",
            Status = ConnectionStatus.Active,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Connections.Add(connection);
        db.GcRequisitionLinks.Add(new GcRequisitionLink { Id = "req-bench", InstitutionId = "BENCH_BANK_0000", Status = "LN", Reference = Guid.NewGuid().ToString() });
        var gcAccount = new GcBankAccount { Id = Guid.NewGuid().ToString(), RequisitionId = "req-bench", Currency = "EUR", Status = "READY", UpdatedAt = now };
        db.GcBankAccounts.Add(gcAccount);
        var account = new Account { Id = Guid.NewGuid(), ConnectionId = connection.Id, ProviderId = gcAccount.Id, Name = "Bench", Currency = "EUR", Status = AccountStatus.Active, CreatedAt = now, UpdatedAt = now };
        db.Accounts.Add(account);
        db.SaveChanges();
        db.ChangeTracker.Clear();
        return (account.Id, gcAccount.Id);
    }
}
