using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using PersonalFinance.Api.Data;
using GcTransactionModel = GoCardless.BankAccountData.Transaction;

namespace PersonalFinance.Api.Sync;

/// One fetched transaction with its dedup key and the values the unified row shows (gocardless.md §11).
internal sealed record NormalisedTransaction(
    GcTransactionModel Source,
    string Key,
    DateOnly? BookingDate,
    DateTime? BookedAt,
    string? CounterpartyName,
    string? CounterpartyAccount,
    string Description,
    string? RemittanceInformation,
    string ContentHash)
{
    public bool IsPending => Source.IsPending;
}

internal sealed record RejectedTransaction(GcTransactionModel Source, string Reason);

internal sealed record NormalisedSet(IReadOnlyList<NormalisedTransaction> Booked, IReadOnlyList<NormalisedTransaction> Pending, IReadOnlyList<RejectedTransaction> Rejected);

/// Dedup keys and normalisation: booked rows are keyed `iid:` (internalTransactionId), else `tid:` (transactionId),
/// else `hash:` (SHA-256 of the normalised content) with an occurrence ordinal, so identical rows in one response all
/// survive and a re-fetch of the same window yields the same keys. Pending rows get `pending:` keys of the same kind;
/// they are replaced as a set on every fetch.
internal static partial class TransactionNormaliser
{
    public const string InternalIdPrefix = "iid:";
    public const string TransactionIdPrefix = "tid:";
    public const string HashPrefix = "hash:";
    public const string PendingPrefix = "pending:";

    public static NormalisedSet Normalise(IReadOnlyList<GcTransactionModel> booked, IReadOnlyList<GcTransactionModel> pending)
    {
        var rejected = new List<RejectedTransaction>();
        return new NormalisedSet(Keyed(booked, isPending: false, rejected), Keyed(pending, isPending: true, rejected), rejected);
    }

    private static List<NormalisedTransaction> Keyed(IReadOnlyList<GcTransactionModel> rows, bool isPending, List<RejectedTransaction> rejected)
    {
        var result = new List<NormalisedTransaction>(rows.Count);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!MoneyConverter.IsRepresentable(row.Amount))
            {
                rejected.Add(new RejectedTransaction(row, $"amount has more than {MoneyConverter.Scale} decimal places"));
                continue;
            }

            var counterparty = Counterparty(row);
            var remittance = Remittance(row);
            var description = Collapse(remittance ?? Blank(row.AdditionalInformation) ?? counterparty.Name ?? Blank(row.ProprietaryBankTransactionCode) ?? "");
            var hash = ContentHash(row, counterparty.Name, description);
            string baseKey;
            bool alwaysOrdinal;
            if (isPending)
            {
                (baseKey, alwaysOrdinal) = (PendingPrefix + hash, true);
            }
            else if (Blank(row.InternalTransactionId) is { } iid)
            {
                (baseKey, alwaysOrdinal) = (InternalIdPrefix + iid, false);
            }
            else if (Blank(row.TransactionId) is { } tid)
            {
                (baseKey, alwaysOrdinal) = (TransactionIdPrefix + tid, false);
            }
            else
            {
                (baseKey, alwaysOrdinal) = (HashPrefix + hash, true);
            }

            var occurrence = seen[baseKey] = seen.GetValueOrDefault(baseKey) + 1;
            var key = alwaysOrdinal || occurrence > 1 ? $"{baseKey}#{occurrence.ToString(CultureInfo.InvariantCulture)}" : baseKey;
            result.Add(new NormalisedTransaction(
                row,
                key,
                row.Date,
                row.BookingDateTime?.UtcDateTime,
                counterparty.Name,
                counterparty.Account,
                description,
                remittance,
                hash));
        }

        return result;
    }

    /// The hash key of a booked row (without ordinal), for matching rows stored before a reconnect.
    public static string HashKey(NormalisedTransaction row, int occurrence) => $"{HashPrefix}{row.ContentHash}#{occurrence.ToString(CultureInfo.InvariantCulture)}";

    public static string CanonicalAmount(decimal amount) => amount.ToString("0.############################", CultureInfo.InvariantCulture);

    private static string ContentHash(GcTransactionModel row, string? counterparty, string description)
    {
        var text = string.Join('|',
            row.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            CanonicalAmount(row.Amount),
            row.Currency.Trim().ToUpperInvariant(),
            counterparty ?? "",
            description,
            row.EntryReference?.Trim() ?? "",
            row.ValueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static string? Remittance(GcTransactionModel row) =>
        Blank(row.RemittanceInformationUnstructured)
        ?? Blank(string.Join(' ', row.RemittanceInformationUnstructuredArray))
        ?? Blank(row.RemittanceInformationStructured)
        ?? Blank(string.Join(' ', row.RemittanceInformationStructuredArray));

    private static (string? Name, string? Account) Counterparty(GcTransactionModel row)
    {
        var outgoing = row.Amount < 0;
        var creditor = (Name: Blank(row.CreditorName), Account: AccountText(row.CreditorAccount));
        var debtor = (Name: Blank(row.DebtorName), Account: AccountText(row.DebtorAccount));
        var (first, second) = outgoing ? (creditor, debtor) : (debtor, creditor);
        return first.Name is not null ? first : second.Name is not null ? second : (null, first.Account ?? second.Account);
    }

    public static string? AccountText(GoCardless.BankAccountData.AccountReference? reference) =>
        reference is null ? null : Blank(reference.Iban) ?? Blank(reference.Bban) ?? Blank(reference.MaskedPan) ?? Blank(reference.Msisdn);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Collapse(string value) => Whitespace().Replace(value.Trim(), " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
