namespace GoCardless.BankAccountData;

/// <summary>The body of <c>POST agreements/enduser/</c>. <see langword="null"/> values are not sent (GoCardless applies its defaults).</summary>
public sealed record CreateAgreementRequest
{
    /// <summary>The scopes GoCardless knows.</summary>
    public static IReadOnlyList<string> AllScopes { get; } = ["balances", "details", "transactions"];

    /// <summary>The institution id. Required.</summary>
    public required string InstitutionId { get; init; }

    /// <summary>Days of history, 1..the institution's <c>transaction_total_days</c> (default 90).</summary>
    public int? MaxHistoricalDays { get; init; }

    /// <summary>Days of access, 1..180 and at most the institution's <c>max_access_valid_for_days</c> (default 90).</summary>
    public int? AccessValidForDays { get; init; }

    /// <summary>Scopes, a non-empty subset of <see cref="AllScopes"/> (default all three).</summary>
    public IReadOnlyList<string>? AccessScope { get; init; }

    /// <summary>Whether to request reconfirmation (GB banks only).</summary>
    public bool? Reconfirmation { get; init; }

    /// <summary>
    /// Sizes an agreement from an institution record: <c>max_historical_days</c> = its <c>transaction_total_days</c> and
    /// <c>access_valid_for_days</c> = its <c>max_access_valid_for_days</c>, each capped at the API maximum (730 and 180) and left to
    /// GoCardless's default when the institution does not say.
    /// </summary>
    /// <param name="institution">The institution, as returned by <see cref="GoCardlessClient.GetInstitutionAsync"/>.</param>
    /// <param name="accessScope">Scopes; <see langword="null"/> requests all three.</param>
    /// <returns>The request.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="institution"/> is <see langword="null"/>.</exception>
    public static CreateAgreementRequest ForInstitution(Institution institution, IReadOnlyList<string>? accessScope = null)
    {
        ArgumentNullException.ThrowIfNull(institution);
        return new CreateAgreementRequest
        {
            InstitutionId = institution.Id,
            MaxHistoricalDays = institution.TransactionTotalDays is > 0 and var history ? Math.Min(history, 730) : null,
            AccessValidForDays = institution.MaxAccessValidForDays is > 0 and var access ? Math.Min(access, 180) : null,
            AccessScope = accessScope ?? AllScopes,
        };
    }
}
