namespace PersonalFinance.Api.GoCardlessStore;

internal sealed class GcInstitution
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public string? Bic { get; set; }
    public string? Logo { get; set; }
    public List<string> Countries { get; set; } = [];
    public int TransactionTotalDays { get; set; }
    public int MaxAccessValidForDays { get; set; }
    public List<string> SupportedFeatures { get; set; } = [];
    public DateTime UpdatedAt { get; set; }
}
