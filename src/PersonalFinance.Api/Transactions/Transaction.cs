namespace PersonalFinance.Api.Transactions;

internal sealed class Transaction
{
    public Guid Id { get; set; }
    public Guid AccountId { get; set; }
    public required string ProviderKey { get; set; }
    public TransactionStatus Status { get; set; }
    public DateOnly? BookingDate { get; set; }
    public DateOnly? ValueDate { get; set; }
    public DateTime? BookedAt { get; set; }
    public decimal Amount { get; set; }
    public required string Currency { get; set; }
    public string? CounterpartyName { get; set; }
    public string? CounterpartyAccount { get; set; }
    public string? Description { get; set; }
    public string? Category { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
