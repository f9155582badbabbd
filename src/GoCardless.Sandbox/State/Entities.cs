namespace GoCardless.Sandbox;

internal sealed class EndUserAgreement
{
    public required Guid Id { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required string InstitutionId { get; init; }
    public required int MaxHistoricalDays { get; init; }
    public required int AccessValidForDays { get; init; }
    public required string[] AccessScope { get; init; }
    public required bool Reconfirmation { get; init; }
    public DateTimeOffset? Accepted { get; set; }

    [System.Text.Json.Serialization.JsonIgnore]
    public DateTimeOffset? ExpiresAt => Accepted?.AddDays(AccessValidForDays);
}

internal sealed class Requisition
{
    public required Guid Id { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required string Redirect { get; init; }
    public required string InstitutionId { get; init; }
    public required Guid Agreement { get; init; }
    public required string Reference { get; init; }
    public required Guid LinkId { get; init; }
    public string? UserLanguage { get; init; }
    public string? Ssn { get; init; }
    public bool AccountSelection { get; init; }
    public bool RedirectImmediate { get; init; }
    public string Status { get; set; } = "CR";
    public List<Guid> Accounts { get; init; } = [];
    public string? Psu { get; set; }
    public List<int>? SelectedOrdinals { get; set; }
    public bool RedirectIssued { get; set; }
}

internal sealed class SandboxAccount
{
    public required Guid Id { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required Guid RequisitionId { get; init; }
    public required string InstitutionId { get; init; }
    public required string Psu { get; init; }
    public required int Ordinal { get; init; }
    public DateTimeOffset? LastAccessed { get; set; }
    public string Status { get; set; } = "READY";
    public DateTimeOffset? ProcessingUntil { get; set; }
}

internal sealed class Fault
{
    public required Guid Id { get; init; }
    public required string Method { get; init; }
    public required string[] PathSegments { get; init; }
    public required string Route { get; init; }
    public required string Kind { get; init; }
    public int Remaining { get; set; }
    public Guid? AccountId { get; init; }
    public int DelayMs { get; init; }
    public int? ResetSeconds { get; init; }
    public bool OmitHeaders { get; init; }
    public int? Status { get; init; }
}
