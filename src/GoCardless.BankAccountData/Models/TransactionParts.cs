namespace GoCardless.BankAccountData;

/// <summary>A counterparty account reference. A bare string on the wire becomes <see cref="Iban"/>.</summary>
/// <param name="Iban">IBAN. Mask before logging.</param>
/// <param name="Bban">BBAN.</param>
/// <param name="Pan">Card number.</param>
/// <param name="MaskedPan">Masked card number.</param>
/// <param name="Msisdn">Phone number alias.</param>
/// <param name="Currency">Currency.</param>
public sealed record AccountReference(string? Iban, string? Bban, string? Pan, string? MaskedPan, string? Msisdn, string? Currency);

/// <summary>One currency exchange of a transaction (sent as an array or a single object).</summary>
/// <param name="SourceCurrency">Source currency.</param>
/// <param name="ExchangeRate">Rate, as sent.</param>
/// <param name="UnitCurrency">Unit currency.</param>
/// <param name="TargetCurrency">Target currency.</param>
/// <param name="QuotationDate">Quotation date, as sent.</param>
/// <param name="ContractIdentification">Contract id.</param>
/// <param name="InstructedAmount">Instructed amount, if readable.</param>
/// <param name="InstructedCurrency">Instructed amount currency.</param>
public sealed record CurrencyExchange(
    string? SourceCurrency,
    string? ExchangeRate,
    string? UnitCurrency,
    string? TargetCurrency,
    string? QuotationDate,
    string? ContractIdentification,
    decimal? InstructedAmount,
    string? InstructedCurrency);

/// <summary>The balance after a transaction (sent nested as <c>{balanceAmount, balanceType}</c> or flat as <c>{amount, currency}</c>).</summary>
/// <param name="Amount">Amount, if readable.</param>
/// <param name="Currency">Currency.</param>
/// <param name="BalanceTypeCode">Raw balance type, e.g. <c>interimBooked</c>.</param>
public sealed record BalanceAfterTransaction(decimal? Amount, string? Currency, string? BalanceTypeCode)
{
    /// <summary>The parsed balance type.</summary>
    public BalanceType BalanceType => GoCardlessEnums.ParseBalanceType(BalanceTypeCode);
}

/// <summary>A transaction the client could not read (e.g. a non-numeric amount); it is left out of the booked/pending lists.</summary>
/// <param name="IsPending">Whether it was in the pending list.</param>
/// <param name="Reason">Why it was skipped (no bank data).</param>
/// <param name="RawJson">The transaction as sent.</param>
public sealed record SkippedTransaction(bool IsPending, string Reason, string RawJson);
