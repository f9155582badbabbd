namespace PersonalFinance.Api.GoCardlessStore;

internal sealed class GcBalance
{
    public Guid Id { get; set; }
    public required string AccountId { get; set; }
    public required string BalanceType { get; set; }
    public decimal Amount { get; set; }
    public required string Currency { get; set; }
    public bool? CreditLimitIncluded { get; set; }
    public DateTime? LastChangeDateTime { get; set; }
    public DateOnly? ReferenceDate { get; set; }
    public DateTime FetchedAt { get; set; }
}
