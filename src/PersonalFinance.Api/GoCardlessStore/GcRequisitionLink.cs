namespace PersonalFinance.Api.GoCardlessStore;

internal sealed class GcRequisitionLink
{
    public required string Id { get; set; }
    public DateTime? Created { get; set; }
    public DateTime? Updated { get; set; }
    public string? Redirect { get; set; }
    public required string Status { get; set; }
    public required string InstitutionId { get; set; }
    public string? Agreement { get; set; }
    public required string Reference { get; set; }
    public string? Link { get; set; }
    public string? Ssn { get; set; }
    public bool AccountSelection { get; set; }
    public bool RedirectImmediate { get; set; }
    public string? UserLanguage { get; set; }
    public string? FriendlyName { get; set; }
    public List<string> Accounts { get; set; } = [];
    public DateTime? DeletedAt { get; set; }
}
