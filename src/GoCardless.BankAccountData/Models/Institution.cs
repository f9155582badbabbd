namespace GoCardless.BankAccountData;

/// <summary>A bank ("integration") GoCardless can connect to.</summary>
public sealed record Institution
{
    /// <summary>Upper-case id, e.g. <c>NATIONWIDE_NAIAGB21</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Display name.</summary>
    public string Name { get; init; } = "";

    /// <summary>BIC, if given.</summary>
    public string? Bic { get; init; }

    /// <summary>Days of history the bank gives (<c>transaction_total_days</c>, sent as a string); <see langword="null"/> when absent or not a number.</summary>
    public int? TransactionTotalDays { get; init; }

    /// <summary>Maximum access days of an agreement (<c>max_access_valid_for_days</c>, sent as a string).</summary>
    public int? MaxAccessValidForDays { get; init; }

    /// <summary>Maximum access days after reconfirmation, only for banks supporting it.</summary>
    public int? MaxAccessValidForDaysReconfirmation { get; init; }

    /// <summary>ISO 3166 country codes (the sandbox bank has <c>XX</c>).</summary>
    public IReadOnlyList<string> Countries { get; init; } = [];

    /// <summary>Logo URL, as sent.</summary>
    public string? Logo { get; init; }

    /// <summary>Feature names (an open set); only the single-institution route returns them.</summary>
    public IReadOnlyList<string> SupportedFeatures { get; init; } = [];

    /// <summary>Identification codes, if any.</summary>
    public IReadOnlyList<string> IdentificationCodes { get; init; } = [];
}
