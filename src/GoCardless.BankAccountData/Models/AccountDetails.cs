namespace GoCardless.BankAccountData;

/// <summary>Bank-side account details (<c>GET accounts/&lt;id&gt;/details/</c>). Banks differ widely: everything may be missing.</summary>
public sealed record AccountDetails
{
    /// <summary>The bank's id for the account.</summary>
    public string? ResourceId { get; init; }

    /// <summary>IBAN. Mask before logging.</summary>
    public string? Iban { get; init; }

    /// <summary>BBAN.</summary>
    public string? Bban { get; init; }

    /// <summary>UK sort code and account number.</summary>
    public string? Scan { get; init; }

    /// <summary>Phone number alias.</summary>
    public string? Msisdn { get; init; }

    /// <summary>ISO 4217 currency.</summary>
    public string? Currency { get; init; }

    /// <summary>Owner name.</summary>
    public string? OwnerName { get; init; }

    /// <summary>Account name given by the bank.</summary>
    public string? Name { get; init; }

    /// <summary>Name given by the user.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Product name.</summary>
    public string? Product { get; init; }

    /// <summary>The raw ISO 20022 cash account type, e.g. <c>CACC</c>.</summary>
    public string? CashAccountTypeCode { get; init; }

    /// <summary>The parsed cash account type.</summary>
    public CashAccountType CashAccountType => GoCardlessEnums.ParseCashAccountType(CashAccountTypeCode);

    /// <summary>The raw bank status, e.g. <c>enabled</c>.</summary>
    public string? StatusCode { get; init; }

    /// <summary>The parsed bank status.</summary>
    public AccountDetailsStatus Status => GoCardlessEnums.ParseAccountDetailsStatus(StatusCode);

    /// <summary>BIC.</summary>
    public string? Bic { get; init; }

    /// <summary>Linked account reference, as sent.</summary>
    public string? LinkedAccounts { get; init; }

    /// <summary>Masked card number (card accounts).</summary>
    public string? MaskedPan { get; init; }

    /// <summary>The raw usage, e.g. <c>PRIV</c>.</summary>
    public string? UsageCode { get; init; }

    /// <summary>The parsed usage.</summary>
    public AccountUsage Usage => GoCardlessEnums.ParseAccountUsage(UsageCode);

    /// <summary>Free-text details.</summary>
    public string? Details { get; init; }

    /// <summary>Unstructured owner address lines (sent as a string or an array; a string becomes one line).</summary>
    public IReadOnlyList<string> OwnerAddressUnstructured { get; init; } = [];

    /// <summary>Structured owner address, if any.</summary>
    public OwnerAddress? OwnerAddressStructured { get; init; }

    /// <summary><c>additionalAccountData.secondaryIdentification</c>, if any.</summary>
    public string? SecondaryIdentification { get; init; }
}
