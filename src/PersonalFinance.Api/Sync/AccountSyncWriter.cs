using GoCardless.BankAccountData;
using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Accounts;
using PersonalFinance.Api.Data;
using PersonalFinance.Api.GoCardlessStore;
using PersonalFinance.Api.Transactions;
using UnifiedTransaction = PersonalFinance.Api.Transactions.Transaction;

namespace PersonalFinance.Api.Sync;

/// What one account's sync read from GoCardless; any part may be missing (budget used up, or not due).
internal sealed record FetchedAccountData(
    AccountMetadata? Metadata,
    AccountDetails? Details,
    AccountBalances? Balances,
    NormalisedSet? Transactions,
    DateOnly? Watermark);

internal sealed record WriteResult(int Inserted, int Updated, int PendingReplaced);

/// Writes one account's fetched data (raw and unified rows, balances, watermark) in one database transaction, so a
/// crash leaves the account either fully before or fully after. Booked rows are upserted on (account, key) and only
/// touched when something changed; the pending set is replaced. Without one of our accounts (seed-gocardless, before
/// any connection exists) only the raw gc_* rows are written.
internal sealed partial class AccountSyncWriter(AppDbContext db, SyncFaultPoints faults, TimeProvider timeProvider, ILogger<AccountSyncWriter> logger)
{
    private const string Booked = "booked";
    private const string Pending = "pending";

    // New transaction rows bypass the change tracker (Data/BulkInsert): a first sync brings hundreds per account.
    private readonly List<GcTransaction> _newRaw = [];
    private readonly List<UnifiedTransaction> _newUnified = [];

    public async Task<WriteResult> CommitAsync(Guid? accountId, string gcAccountId, FetchedAccountData data, CancellationToken cancellationToken)
    {
        foreach (var rejected in data.Transactions?.Rejected ?? [])
        {
            Log.Rejected(logger, gcAccountId, rejected.Reason);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            _newRaw.Clear();
            _newUnified.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await ApplyAsync(accountId, gcAccountId, data, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await BulkInsert.InsertAsync(db, _newRaw, cancellationToken);
            await BulkInsert.InsertAsync(db, _newUnified, cancellationToken);
            faults.Hit(SyncFaultPoints.BeforeCommit, gcAccountId);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return result;
        });
    }

    private async Task<WriteResult> ApplyAsync(Guid? accountId, string gcAccountId, FetchedAccountData data, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var raw = await db.GcBankAccounts.SingleAsync(g => g.Id == gcAccountId, cancellationToken);
        var account = accountId is null ? null : await db.Accounts.SingleAsync(a => a.Id == accountId, cancellationToken);
        if (data.Metadata is not null)
        {
            GcAccountMapper.Apply(raw, data.Metadata, data.Details, now);
        }

        if (data.Metadata is not null && account is not null)
        {
            account.Status = GoCardlessStatusMap.ToAccountStatus(raw.Status);
            account.Name = raw.Name ?? raw.DisplayName ?? raw.Product ?? account.Name;
            account.Iban = raw.Iban ?? account.Iban;
            account.Currency = raw.Currency ?? account.Currency;
        }

        if (data.Balances is not null)
        {
            await WriteBalancesAsync(raw, account, data.Balances, now, cancellationToken);
        }

        var result = new WriteResult(0, 0, 0);
        if (data.Transactions is not null)
        {
            result = await WriteTransactionsAsync(raw.Id, account?.Id, data.Transactions, now, cancellationToken);
            raw.TransactionsSyncedTo = data.Watermark;
        }

        raw.ConsecutiveFailures = 0;
        raw.NextSyncAfter = null;
        raw.UpdatedAt = now;
        if (account is not null)
        {
            account.LastSyncedAt = now;
            account.UpdatedAt = now;
        }

        return result;
    }

    private async Task WriteBalancesAsync(GcBankAccount raw, Account? account, AccountBalances balances, DateTime now, CancellationToken cancellationToken)
    {
        var usable = new List<Balance>();
        foreach (var balance in balances.Balances)
        {
            if (MoneyConverter.IsRepresentable(balance.Amount) && !string.IsNullOrWhiteSpace(balance.BalanceTypeCode))
            {
                usable.Add(balance);
            }
            else
            {
                Log.BalanceRejected(logger, raw.Id, balance.BalanceTypeCode);
            }
        }

        var existing = await db.GcBalances.Where(b => b.AccountId == raw.Id).ToDictionaryAsync(b => b.BalanceType, StringComparer.Ordinal, cancellationToken);
        foreach (var balance in usable.DistinctBy(b => b.BalanceTypeCode))
        {
            if (!existing.TryGetValue(balance.BalanceTypeCode, out var row))
            {
                row = new GcBalance { Id = Guid.NewGuid(), AccountId = raw.Id, BalanceType = Clip(balance.BalanceTypeCode, 64)!, Currency = "" };
                db.GcBalances.Add(row);
            }

            row.Amount = balance.Amount;
            row.Currency = Clip(balance.Currency, 3) ?? "";
            row.CreditLimitIncluded = balance.CreditLimitIncluded;
            row.LastChangeDateTime = balance.LastChangeDateTime?.UtcDateTime;
            row.ReferenceDate = balance.ReferenceDate;
            row.FetchedAt = now;
        }

        if (account is not null && BalanceChoice.Choose(usable, b => b.BalanceTypeCode) is { } shown)
        {
            account.BalanceAmount = shown.Amount;
            account.BalanceCurrency = Clip(shown.Currency, 3);
            account.BalanceType = shown.BalanceTypeCode;
            account.BalanceUpdatedAt = now;
        }
    }

    private async Task<WriteResult> WriteTransactionsAsync(string gcAccountId, Guid? accountId, NormalisedSet set, DateTime now, CancellationToken cancellationToken)
    {
        var bookedKeys = set.Booked.Select(t => t.Key).ToList();

        // Raw rows: keyed per GoCardless account.
        var rawExisting = await db.GcTransactions
            .Where(t => t.AccountId == gcAccountId && (t.Status == Pending || bookedKeys.Contains(t.ProviderKey)))
            .ToListAsync(cancellationToken);
        var rawByKey = rawExisting.ToDictionary(t => t.ProviderKey, StringComparer.Ordinal);
        var pendingKeys = set.Pending.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in rawExisting.Where(t => t.Status == Pending && !pendingKeys.Contains(t.ProviderKey)))
        {
            db.GcTransactions.Remove(stale);
        }

        foreach (var row in set.Booked.Concat(set.Pending))
        {
            if (!rawByKey.TryGetValue(row.Key, out var entity))
            {
                entity = new GcTransaction { Id = Guid.NewGuid(), AccountId = gcAccountId, ProviderKey = row.Key, Status = "", Currency = "", Raw = "" };
                _newRaw.Add(entity);
            }

            ApplyRaw(entity, row, now);
        }

        if (accountId is not { } ownerAccountId)
        {
            return new WriteResult(0, 0, 0);
        }

        // Unified rows: keyed per our account, which keeps its id (and history) across reconnects.
        var alternates = AlternateKeys(set.Booked);
        var lookup = bookedKeys.Concat(alternates.Values.SelectMany(v => v)).Distinct().ToList();
        var existing = await db.Transactions
            .Where(t => t.AccountId == accountId && (t.Status == TransactionStatus.Pending || lookup.Contains(t.ProviderKey)))
            .ToListAsync(cancellationToken);
        var byKey = existing.ToDictionary(t => t.ProviderKey, StringComparer.Ordinal);
        var carriedOver = await CarriedOverAsync(gcAccountId, ownerAccountId, set.Booked, alternates, byKey, cancellationToken);
        var claimed = new HashSet<Guid>();
        int inserted = 0, updated = 0, removed = 0;
        foreach (var stale in existing.Where(t => t.Status == TransactionStatus.Pending && !pendingKeys.Contains(t.ProviderKey)))
        {
            db.Transactions.Remove(stale);
            removed++;
        }

        foreach (var row in set.Booked.Concat(set.Pending))
        {
            if (!byKey.TryGetValue(row.Key, out var entity) || !claimed.Add(entity.Id))
            {
                // Reconnect caveat: a row stored before under its transactionId or content hash is the same transaction.
                entity = alternates.TryGetValue(row.Key, out var keys)
                    ? keys.Select(k => byKey.GetValueOrDefault(k)).FirstOrDefault(t => t is not null && t.Status == TransactionStatus.Booked && claimed.Add(t.Id))
                    : null;
            }

            if (entity is null && !row.IsPending && carriedOver.Count > 0
                && carriedOver.FirstOrDefault(t => !claimed.Contains(t.Id) && SameContent(t, row)) is { } carried)
            {
                // The same transaction under the internalTransactionId GoCardless gave it before a reconnect: it takes the new key.
                claimed.Add(carried.Id);
                carried.ProviderKey = row.Key;
                ApplyUnified(carried, row);
                carried.UpdatedAt = now;
                updated++;
                continue;
            }

            if (entity is null)
            {
                entity = new UnifiedTransaction { Id = Guid.NewGuid(), AccountId = ownerAccountId, ProviderKey = row.Key, Currency = "", CreatedAt = now, UpdatedAt = now };
                claimed.Add(entity.Id);
                ApplyUnified(entity, row);
                _newUnified.Add(entity);

                inserted++;
            }
            else if (ApplyUnified(entity, row))
            {
                entity.UpdatedAt = now;
                updated++;
            }

            if (row.BookingDate is null)
            {
                Log.NoDate(logger, gcAccountId, row.Key);
            }
        }

        return new WriteResult(inserted, updated, removed);
    }

    /// Reconnect caveat (gocardless.md §11): after reauthorisation the account has a new GoCardless id, and the
    /// internalTransactionIds of its transactions may change with it. Booked rows of this account stored from an earlier
    /// GoCardless account (no raw row under the current one), in the fetched window and not reached by any fetched key, may be
    /// the same transactions; the caller matches them by content before inserting anything under a new key.
    private async Task<List<UnifiedTransaction>> CarriedOverAsync(
        string gcAccountId, Guid accountId, IReadOnlyList<NormalisedTransaction> booked, Dictionary<string, List<string>> alternates,
        Dictionary<string, UnifiedTransaction> stored, CancellationToken cancellationToken)
    {
        var dates = booked
            .Where(r => r.BookingDate is not null && r.Key.StartsWith(TransactionNormaliser.InternalIdPrefix, StringComparison.Ordinal)
                && !stored.ContainsKey(r.Key) && !alternates.GetValueOrDefault(r.Key, []).Any(stored.ContainsKey))
            .Select(r => r.BookingDate!.Value).ToList();
        if (dates.Count == 0)
        {
            return [];
        }

        var from = dates.Min();
        var candidates = (await db.Transactions
            .Where(t => t.AccountId == accountId && t.Status == TransactionStatus.Booked && t.BookingDate >= from
                && t.ProviderKey.StartsWith(TransactionNormaliser.InternalIdPrefix))
            .ToListAsync(cancellationToken))
            .Where(t => !stored.ContainsKey(t.ProviderKey)).ToList();
        if (candidates.Count == 0)
        {
            return [];
        }

        var keys = candidates.Select(t => t.ProviderKey).ToList();
        var own = (await db.GcTransactions.Where(t => t.AccountId == gcAccountId && keys.Contains(t.ProviderKey)).Select(t => t.ProviderKey)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return [.. candidates.Where(t => !own.Contains(t.ProviderKey))];
    }

    /// Whether a stored row shows exactly what the fetched row would show.
    private static bool SameContent(UnifiedTransaction stored, NormalisedTransaction row)
    {
        var probe = new UnifiedTransaction { ProviderKey = row.Key, Currency = "" };
        ApplyUnified(probe, row);
        return stored.Status == probe.Status && stored.BookingDate == probe.BookingDate && stored.ValueDate == probe.ValueDate
            && stored.Amount == probe.Amount && string.Equals(stored.Currency, probe.Currency, StringComparison.OrdinalIgnoreCase)
            && stored.CounterpartyName == probe.CounterpartyName && stored.CounterpartyAccount == probe.CounterpartyAccount
            && stored.Description == probe.Description;
    }

    /// For booked rows keyed by internalTransactionId: the tid:/hash: keys the same transaction would have had.
    private static Dictionary<string, List<string>> AlternateKeys(IReadOnlyList<NormalisedTransaction> booked)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var hashOccurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in booked)
        {
            var occurrence = hashOccurrences[row.ContentHash] = hashOccurrences.GetValueOrDefault(row.ContentHash) + 1;
            if (!row.Key.StartsWith(TransactionNormaliser.InternalIdPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var keys = new List<string>();
            if (!string.IsNullOrWhiteSpace(row.Source.TransactionId))
            {
                keys.Add(TransactionNormaliser.TransactionIdPrefix + row.Source.TransactionId.Trim());
            }

            keys.Add(TransactionNormaliser.HashKey(row, occurrence));
            result[row.Key] = keys;
        }

        return result;
    }

    private static void ApplyRaw(GcTransaction entity, NormalisedTransaction row, DateTime now)
    {
        var source = row.Source;
        entity.Status = row.IsPending ? Pending : Booked;
        entity.TransactionId = Clip(source.TransactionId, 256);
        entity.InternalTransactionId = Clip(source.InternalTransactionId, 64);
        entity.EntryReference = Clip(source.EntryReference, 256);
        entity.BookingDate = source.BookingDate;
        entity.ValueDate = source.ValueDate;
        entity.BookingDateTime = Clip(source.BookingDateTimeRaw, 64);
        entity.ValueDateTime = Clip(source.ValueDateTimeRaw, 64);
        entity.Amount = source.Amount;
        entity.Currency = Clip(source.Currency, 3) ?? "";
        entity.CreditorName = Clip(source.CreditorName, 256);
        entity.CreditorAccount = Clip(TransactionNormaliser.AccountText(source.CreditorAccount), 128);
        entity.DebtorName = Clip(source.DebtorName, 256);
        entity.DebtorAccount = Clip(TransactionNormaliser.AccountText(source.DebtorAccount), 128);
        entity.RemittanceInformation = row.RemittanceInformation;
        entity.BankTransactionCode = Clip(source.BankTransactionCode, 64);
        entity.ProprietaryBankTransactionCode = Clip(source.ProprietaryBankTransactionCode, 64);
        if (!string.Equals(entity.Raw, source.RawJson, StringComparison.Ordinal))
        {
            entity.Raw = source.RawJson;
            entity.FetchedAt = now;
        }
    }

    /// Copies the unified values; true when something changed.
    private static bool ApplyUnified(UnifiedTransaction entity, NormalisedTransaction row)
    {
        var source = row.Source;
        var status = row.IsPending ? TransactionStatus.Pending : TransactionStatus.Booked;
        var valueDate = source.ValueDate ?? (source.ValueDateTime is { } valueDateTime ? DateOnly.FromDateTime(valueDateTime.DateTime) : null);
        var currency = Clip(source.Currency, 3) ?? "";
        var counterparty = Clip(row.CounterpartyName, 256);
        var counterpartyAccount = Clip(row.CounterpartyAccount, 64);
        var description = Clip(row.Description, 1024);
        if (entity.Status == status && entity.BookingDate == row.BookingDate && entity.ValueDate == valueDate && entity.BookedAt == row.BookedAt
            && entity.Amount == source.Amount && entity.Currency == currency && entity.CounterpartyName == counterparty
            && entity.CounterpartyAccount == counterpartyAccount && entity.Description == description)
        {
            return false;
        }

        entity.Status = status;
        entity.BookingDate = row.BookingDate;
        entity.ValueDate = valueDate;
        entity.BookedAt = row.BookedAt;
        entity.Amount = source.Amount;
        entity.Currency = currency;
        entity.CounterpartyName = counterparty;
        entity.CounterpartyAccount = counterpartyAccount;
        entity.Description = description;
        return true;
    }

    private static string? Clip(string? value, int length) => value is null ? null : value.Length <= length ? value : value[..length];

    private static partial class Log
    {
        [LoggerMessage(EventId = 4010, Level = LogLevel.Warning, Message = "A transaction of account {AccountId} was rejected: {Reason}")]
        public static partial void Rejected(ILogger logger, string accountId, string reason);

        [LoggerMessage(EventId = 4011, Level = LogLevel.Warning, Message = "A balance of account {AccountId} ({BalanceType}) was rejected: no type or more than 6 decimal places")]
        public static partial void BalanceRejected(ILogger logger, string accountId, string? balanceType);

        [LoggerMessage(EventId = 4012, Level = LogLevel.Warning, Message = "Transaction {Key} of account {AccountId} has no booking or value date; kept without a date")]
        public static partial void NoDate(ILogger logger, string accountId, string key);
    }
}
