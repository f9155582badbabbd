namespace GoCardless.BankAccountData;

/// <summary>A requisition: one bank-connection attempt and, once linked, its accounts.</summary>
public sealed record Requisition
{
    /// <summary>UUID.</summary>
    public required string Id { get; init; }

    /// <summary>Creation time; <see langword="null"/> if absent or unreadable.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>Where the browser returns after the bank flow.</summary>
    public string? Redirect { get; init; }

    /// <summary>The raw status code, e.g. <c>LN</c>.</summary>
    public string StatusCode { get; init; } = "";

    /// <summary>The parsed status (<see cref="RequisitionStatus.Unknown"/> for undocumented codes).</summary>
    public RequisitionStatus Status => GoCardlessEnums.ParseRequisitionStatus(StatusCode);

    /// <summary>The institution id.</summary>
    public string InstitutionId { get; init; } = "";

    /// <summary>The agreement id (the default agreement when none was sent).</summary>
    public string? Agreement { get; init; }

    /// <summary>The caller's reference; sent back as <c>ref</c> on the redirect. Do not log.</summary>
    public string? Reference { get; init; }

    /// <summary>Account ids; empty until linked.</summary>
    public IReadOnlyList<string> Accounts { get; init; } = [];

    /// <summary>The requested user-interface language, if any.</summary>
    public string? UserLanguage { get; init; }

    /// <summary>The consent link to send the user to. Opaque: never parse ids out of it; do not log.</summary>
    public string? Link { get; init; }

    /// <summary>The SSN sent for verification, if any.</summary>
    public string? Ssn { get; init; }

    /// <summary>Whether account selection was requested.</summary>
    public bool AccountSelection { get; init; }

    /// <summary>Whether an immediate redirect was requested.</summary>
    public bool RedirectImmediate { get; init; }
}
