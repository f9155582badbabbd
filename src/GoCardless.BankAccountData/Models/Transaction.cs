namespace GoCardless.BankAccountData;

/// <summary>One bank transaction (Berlin-Group fields; everything but the amount is optional).</summary>
public sealed record Transaction
{
    /// <summary>Whether it came from the pending list.</summary>
    public bool IsPending { get; init; }

    /// <summary>The transaction exactly as GoCardless sent it (for storage).</summary>
    public required string RawJson { get; init; }

    /// <summary>The bank's id (any format; may repeat).</summary>
    public string? TransactionId { get; init; }

    /// <summary>GoCardless's id (32 hex, booked rows only, unique per account id).</summary>
    public string? InternalTransactionId { get; init; }

    /// <summary>Entry reference.</summary>
    public string? EntryReference { get; init; }

    /// <summary>End-to-end id.</summary>
    public string? EndToEndId { get; init; }

    /// <summary>Mandate id.</summary>
    public string? MandateId { get; init; }

    /// <summary>Cheque id.</summary>
    public string? CheckId { get; init; }

    /// <summary>Creditor id.</summary>
    public string? CreditorId { get; init; }

    /// <summary>Booking date.</summary>
    public DateOnly? BookingDate { get; init; }

    /// <summary>Value date.</summary>
    public DateOnly? ValueDate { get; init; }

    /// <summary>Booking date-time (zone-less values are taken as UTC).</summary>
    public DateTimeOffset? BookingDateTime { get; init; }

    /// <summary>Booking date-time as sent.</summary>
    public string? BookingDateTimeRaw { get; init; }

    /// <summary>Value date-time (zone-less values are taken as UTC).</summary>
    public DateTimeOffset? ValueDateTime { get; init; }

    /// <summary>Value date-time as sent.</summary>
    public string? ValueDateTimeRaw { get; init; }

    /// <summary>
    /// The date of the row: <see cref="BookingDate"/>, else the date part of the booking date-time as written (not converted to UTC), else
    /// <see cref="ValueDate"/>, else the date part of the value date-time; <see langword="null"/> when there is none.
    /// </summary>
    public DateOnly? Date { get; init; }

    /// <summary>Signed amount (negative = money out), parsed invariant from the string sent.</summary>
    public required decimal Amount { get; init; }

    /// <summary>The amount as sent, e.g. <c>-15.00</c>.</summary>
    public string AmountRaw { get; init; } = "";

    /// <summary>ISO 4217 currency.</summary>
    public string Currency { get; init; } = "";

    /// <summary>Currency exchanges (empty if none).</summary>
    public IReadOnlyList<CurrencyExchange> CurrencyExchange { get; init; } = [];

    /// <summary>Balance after the transaction, if sent.</summary>
    public BalanceAfterTransaction? BalanceAfterTransaction { get; init; }

    /// <summary>Creditor name.</summary>
    public string? CreditorName { get; init; }

    /// <summary>Creditor account.</summary>
    public AccountReference? CreditorAccount { get; init; }

    /// <summary>Creditor agent (BIC).</summary>
    public string? CreditorAgent { get; init; }

    /// <summary>Ultimate creditor.</summary>
    public string? UltimateCreditor { get; init; }

    /// <summary>Debtor name.</summary>
    public string? DebtorName { get; init; }

    /// <summary>Debtor account.</summary>
    public AccountReference? DebtorAccount { get; init; }

    /// <summary>Debtor agent (BIC).</summary>
    public string? DebtorAgent { get; init; }

    /// <summary>Ultimate debtor.</summary>
    public string? UltimateDebtor { get; init; }

    /// <summary>Unstructured remittance information.</summary>
    public string? RemittanceInformationUnstructured { get; init; }

    /// <summary>Unstructured remittance information lines.</summary>
    public IReadOnlyList<string> RemittanceInformationUnstructuredArray { get; init; } = [];

    /// <summary>Structured remittance information.</summary>
    public string? RemittanceInformationStructured { get; init; }

    /// <summary>Structured remittance information lines.</summary>
    public IReadOnlyList<string> RemittanceInformationStructuredArray { get; init; } = [];

    /// <summary>Additional information.</summary>
    public string? AdditionalInformation { get; init; }

    /// <summary>Structured additional information, as sent (JSON text when it was an object).</summary>
    public string? AdditionalInformationStructured { get; init; }

    /// <summary><c>additionalDataStructured</c> as JSON text, if sent.</summary>
    public string? AdditionalDataStructured { get; init; }

    /// <summary>ISO 20022 bank transaction code, e.g. <c>PMNT</c>.</summary>
    public string? BankTransactionCode { get; init; }

    /// <summary>Bank-specific code, e.g. <c>PURCHASE</c>.</summary>
    public string? ProprietaryBankTransactionCode { get; init; }

    /// <summary>Purpose code.</summary>
    public string? PurposeCode { get; init; }

    /// <summary>Merchant category code.</summary>
    public string? MerchantCategoryCode { get; init; }
}
