namespace GoCardless.BankAccountData;

/// <summary>An end-user agreement (EUA): how much history and how long access a requisition gets.</summary>
public sealed record EndUserAgreement
{
    /// <summary>UUID.</summary>
    public required string Id { get; init; }

    /// <summary>Creation time; <see langword="null"/> if absent or unreadable.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>The institution the agreement is for.</summary>
    public string InstitutionId { get; init; } = "";

    /// <summary>Days of history granted.</summary>
    public int? MaxHistoricalDays { get; init; }

    /// <summary>Days of access granted from acceptance.</summary>
    public int? AccessValidForDays { get; init; }

    /// <summary>Scopes: <c>balances</c>, <c>details</c>, <c>transactions</c>.</summary>
    public IReadOnlyList<string> AccessScope { get; init; } = [];

    /// <summary>When the user consented; <see langword="null"/> until then.</summary>
    public DateTimeOffset? Accepted { get; init; }

    /// <summary>Whether reconfirmation was requested.</summary>
    public bool Reconfirmation { get; init; }
}
