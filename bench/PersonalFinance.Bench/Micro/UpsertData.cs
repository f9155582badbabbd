using System.Globalization;
using PersonalFinance.Api.Accounts;
using PersonalFinance.Api.Connections;
using PersonalFinance.Api.Data;
using PersonalFinance.Api.GoCardlessStore;
using PersonalFinance.Api.Institutions;
using PersonalFinance.Api.Sync;
using GcTransactionModel = GoCardless.BankAccountData.Transaction;

namespace PersonalFinance.Bench.Micro;

/// One account of the upsert data: our account id, its GoCardless account id, and what a sync would hand the writer.
internal sealed record UpsertAccount(Guid AccountId, string GcAccountId, NormalisedSet Rows, NormalisedSet Changed);

/// The data of P4 and P5: N booked transactions (PF_BENCH_ROWS, default 100,000) spread over accounts of
/// PF_BENCH_ROWS_PER_ACCOUNT rows (default 2,000), generated deterministically as the GoCardless client returns them and
/// normalised as the sync does; a copy with 10 % of the amounts and descriptions changed.
internal static class UpsertData
{
    public static int Rows => Environment.GetEnvironmentVariable("PF_BENCH_ROWS") is { Length: > 0 } value ? int.Parse(value, CultureInfo.InvariantCulture) : 100_000;

    public static int RowsPerAccount => Math.Min(Rows,
        Environment.GetEnvironmentVariable("PF_BENCH_ROWS_PER_ACCOUNT") is { Length: > 0 } value ? int.Parse(value, CultureInfo.InvariantCulture) : 2_000);

    public static int Accounts => (Rows + RowsPerAccount - 1) / RowsPerAccount;

    public static string OursDescription =>
        $"ours: the app's AccountSyncWriter.CommitAsync (EF Core, one database transaction per account: raw gc_transactions and unified transactions rows, "
        + "booked rows looked up by key and only touched when a value changed), called once per account as SyncConnectionJob does. "
        + $"The rows are split into {Accounts:N0} accounts of {RowsPerAccount:N0} (two years of a busy account): the writer holds one account's rows and their "
        + "existing rows in memory and probes them by key, and GoCardless returns at most 730 days per account, so 100,000 rows in one account is not a shape "
        + "a sync produces. Baseline: the very column values ours wrote, read back after an initial run and loaded into the emptied tables";

    public static string WhyMissed =>
        "Per account the writer first reads the account's stored rows that any fetched key (or alternate key: transactionId and content hash) "
        + "could match, through EF Core's change tracker, and compares each fetched row with its match property by property; rows that changed are "
        + "saved by EF, new ones through one reused INSERT per row on SQLite (one binary COPY on PostgreSQL), each row with its values converted by EF's "
        + "type mappings, twice (raw and unified). The baseline streams pre-computed values into empty tables with no lookup; a replay that changes nothing "
        + "still pays the read and the comparison.";

    /// Generated and normalised once per process: every case seeds a fresh database with the same rows.
    private static readonly Lazy<List<(NormalisedSet Rows, NormalisedSet Changed)>> LazySets = new(() =>
    [
        .. Enumerable.Range(0, Accounts).Select(a =>
        {
            var count = Math.Min(RowsPerAccount, Rows - (a * RowsPerAccount));
            return (TransactionNormaliser.Normalise(Generate(a, count, changed: false), []), TransactionNormaliser.Normalise(Generate(a, count, changed: true), []));
        }),
    ]);

    private static List<(NormalisedSet Rows, NormalisedSet Changed)> Sets => LazySets.Value;

    public static List<UpsertAccount> Seed(AppDbContext db)
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
        var result = new List<UpsertAccount>();
        for (var a = 0; a < Accounts; a++)
        {
            // Fixed ids: the rows ours stored in one case are loaded again by later cases (and the baseline) in fresh databases.
            var gcAccount = new GcBankAccount { Id = new Guid(a, 0x6763, 0, new byte[8]).ToString(), RequisitionId = "req-bench", Currency = "EUR", Status = "READY", UpdatedAt = now };
            db.GcBankAccounts.Add(gcAccount);
            var account = new Account { Id = new Guid(a, 0x6163, 0, new byte[8]), ConnectionId = connection.Id, ProviderId = gcAccount.Id, Name = $"Bench {a}", Currency = "EUR", Status = AccountStatus.Active, CreatedAt = now, UpdatedAt = now };
            db.Accounts.Add(account);
            var (rows, changed) = Sets[a];
            result.Add(new UpsertAccount(account.Id, gcAccount.Id, rows, changed));
        }

        db.SaveChanges();
        db.ChangeTracker.Clear();
        return result;
    }

    /// Booked rows the way the client parses them: bank and GoCardless ids, dates, amount, counterparty, remittance, codes and raw JSON.
    private static List<GcTransactionModel> Generate(int account, int count, bool changed)
    {
        var rows = new List<GcTransactionModel>(count);
        var start = new DateOnly(2024, 1, 1);
        for (var i = 0; i < count; i++)
        {
            var n = (account * 1_000_003) + i;
            var id = n.ToString("x32", CultureInfo.InvariantCulture);
            var amount = Math.Round((((n * 7919) % 200_000) - 100_000) / 100m, 2);
            var description = $"Card payment {n % 997} at shop {n % 89}";
            if (changed && i % 10 == 0)
            {
                amount += 0.01m;
                description += " (corrected)";
            }

            var date = start.AddDays(i * 730 / count);
            var counterparty = $"Shop {n % 89}";
            var amountText = amount.ToString("0.00", CultureInfo.InvariantCulture);
            var transactionId = $"T{n:D10}";
            rows.Add(new GcTransactionModel
            {
                RawJson = $$"""{"transactionId":"{{transactionId}}","internalTransactionId":"{{id}}","bookingDate":"{{date:yyyy-MM-dd}}","valueDate":"{{date:yyyy-MM-dd}}","transactionAmount":{"amount":"{{amountText}}","currency":"EUR"},"creditorName":"{{counterparty}}","remittanceInformationUnstructured":"{{description}}","bankTransactionCode":"PMNT","proprietaryBankTransactionCode":"PURCHASE"}""",
                TransactionId = transactionId,
                InternalTransactionId = id,
                BookingDate = date,
                ValueDate = date,
                Date = date,
                Amount = amount,
                AmountRaw = amountText,
                Currency = "EUR",
                CreditorName = counterparty,
                RemittanceInformationUnstructured = description,
                BankTransactionCode = "PMNT",
                ProprietaryBankTransactionCode = "PURCHASE",
            });
        }

        return rows;
    }
}
