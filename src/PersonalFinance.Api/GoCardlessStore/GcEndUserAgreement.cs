namespace PersonalFinance.Api.GoCardlessStore;

internal sealed class GcEndUserAgreement
{
    public required string Id { get; set; }
    public DateTime? Created { get; set; }
    public required string InstitutionId { get; set; }
    public int MaxHistoricalDays { get; set; }
    public int AccessValidForDays { get; set; }
    public List<string> AccessScope { get; set; } = [];
    public DateTime? Accepted { get; set; }
    public bool Reconfirmation { get; set; }
}
