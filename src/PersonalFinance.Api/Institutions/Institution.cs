namespace PersonalFinance.Api.Institutions;

internal sealed class Institution
{
    public required string Id { get; set; }
    public required string Provider { get; set; }
    public required string Name { get; set; }
    public string? LogoUrl { get; set; }
    public List<string> Countries { get; set; } = [];
    public int TransactionTotalDays { get; set; }
    public int MaxAccessValidForDays { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
