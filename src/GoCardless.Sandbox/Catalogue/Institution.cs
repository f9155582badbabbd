namespace GoCardless.Sandbox;

internal enum AccountKind
{
    Current,
    Savings,
    Card,
}

/// <summary>One generated account of a bank: the same list for every PSU, ordinals are positions in it.</summary>
internal sealed record AccountTemplate(AccountKind Kind, string Currency, string Name, string Product, string CashAccountType);

/// <summary>Per-bank wire quirks that the transaction generator exercises.</summary>
[Flags]
internal enum BankQuirks
{
    None = 0,
    SandboxFinance = 1,
    OffsetBookingDateTime = 2,
    RemittanceArrayOnly = 4,
    CurrencyExchangeObject = 8,
    ZonelessValueDateTime = 16,
    ShortAmounts = 32,
    NoPendingKey = 64,
    TransactionIdOnly = 128,
    NoIds = 256,
    IdenticalSameDayRows = 512,
    DetailsBalancesTogether = 1024,
}

internal sealed record Institution(
    string Id,
    string Name,
    string Bic,
    string[] Countries,
    int TransactionTotalDays,
    int MaxAccessValidForDays,
    int? ReconfirmationDays,
    string[] Features,
    string Logo,
    string IbanCountry,
    string BankCode,
    AccountTemplate[] Accounts,
    BankQuirks Quirks,
    bool OperationalByDefault = true)
{
    public bool Supports(string feature) => Features.Contains(feature, StringComparer.Ordinal);
}
