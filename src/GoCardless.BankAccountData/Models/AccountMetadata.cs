namespace GoCardless.BankAccountData;

/// <summary>GoCardless's own record of an account (<c>GET accounts/&lt;id&gt;/</c>; not a bank call, not rate-limited per account).</summary>
public sealed record AccountMetadata
{
    /// <summary>UUID.</summary>
    public required string Id { get; init; }

    /// <summary>Creation time.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>Last successful data access.</summary>
    public DateTimeOffset? LastAccessed { get; init; }

    /// <summary>IBAN, if the account has one. Mask before logging.</summary>
    public string? Iban { get; init; }

    /// <summary>BBAN, if any.</summary>
    public string? Bban { get; init; }

    /// <summary>The raw status, e.g. <c>READY</c>.</summary>
    public string StatusCode { get; init; } = "";

    /// <summary>The parsed status; only <see cref="GoCardlessAccountStatus.Ready"/> means usable.</summary>
    public GoCardlessAccountStatus Status => GoCardlessEnums.ParseAccountStatus(StatusCode);

    /// <summary>The institution id.</summary>
    public string? InstitutionId { get; init; }

    /// <summary>Owner name, if given.</summary>
    public string? OwnerName { get; init; }

    /// <summary>Account name, if given.</summary>
    public string? Name { get; init; }
}
