using GoCardless.BankAccountData;

namespace PersonalFinance.Api.GoCardlessStore;

/// Copies GoCardless's account metadata and details into the raw row, preferring non-empty values.
internal static class GcAccountMapper
{
    public static void Apply(GcBankAccount raw, AccountMetadata metadata, AccountDetails? details, DateTime now)
    {
        raw.Iban = FirstNonEmpty(details?.Iban, metadata.Iban, raw.Iban);
        raw.Bban = FirstNonEmpty(details?.Bban, metadata.Bban, raw.Bban);
        raw.Status = FirstNonEmpty(metadata.StatusCode, raw.Status);
        raw.OwnerName = FirstNonEmpty(details?.OwnerName, metadata.OwnerName, raw.OwnerName);
        raw.Name = FirstNonEmpty(details?.Name, metadata.Name, raw.Name);
        raw.Created = metadata.Created?.UtcDateTime ?? raw.Created;
        raw.LastAccessed = metadata.LastAccessed?.UtcDateTime ?? raw.LastAccessed;
        raw.UpdatedAt = now;
        if (details is null)
        {
            return;
        }

        raw.Bic = FirstNonEmpty(details.Bic, raw.Bic);
        raw.ResourceId = FirstNonEmpty(details.ResourceId, raw.ResourceId);
        raw.OwnerAddressUnstructured = details.OwnerAddressUnstructured.Count > 0 ? string.Join(", ", details.OwnerAddressUnstructured) : raw.OwnerAddressUnstructured;
        raw.DisplayName = FirstNonEmpty(details.DisplayName, raw.DisplayName);
        raw.Product = FirstNonEmpty(details.Product, raw.Product);
        raw.CashAccountType = FirstNonEmpty(details.CashAccountTypeCode, raw.CashAccountType);
        raw.Currency = FirstNonEmpty(details.Currency, raw.Currency);
        raw.Details = FirstNonEmpty(details.Details, raw.Details);
        raw.LinkedAccounts = FirstNonEmpty(details.LinkedAccounts, raw.LinkedAccounts);
        raw.Msisdn = FirstNonEmpty(details.Msisdn, raw.Msisdn);
        raw.Usage = FirstNonEmpty(details.UsageCode, raw.Usage);
        raw.DetailsFetchedAt = now;
    }

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
