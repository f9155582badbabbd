namespace GoCardless.BankAccountData;

/// <summary>One balance of an account.</summary>
public sealed record Balance
{
    /// <summary>The amount (parsed from the string GoCardless sends, invariant culture).</summary>
    public required decimal Amount { get; init; }

    /// <summary>ISO 4217 currency.</summary>
    public string Currency { get; init; } = "";

    /// <summary>The raw type, e.g. <c>closingBooked</c>.</summary>
    public string BalanceTypeCode { get; init; } = "";

    /// <summary>The parsed type.</summary>
    public BalanceType BalanceType => GoCardlessEnums.ParseBalanceType(BalanceTypeCode);

    /// <summary>Whether a credit limit is included in the amount.</summary>
    public bool? CreditLimitIncluded { get; init; }

    /// <summary>Last change time, if sent and readable (zone-less values are taken as UTC).</summary>
    public DateTimeOffset? LastChangeDateTime { get; init; }

    /// <summary>Last change time as sent.</summary>
    public string? LastChangeDateTimeRaw { get; init; }

    /// <summary>Reference date.</summary>
    public DateOnly? ReferenceDate { get; init; }

    /// <summary>The <c>entryReference</c> of the last committed transaction.</summary>
    public string? LastCommittedTransaction { get; init; }
}
