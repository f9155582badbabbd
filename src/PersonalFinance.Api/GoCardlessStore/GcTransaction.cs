namespace PersonalFinance.Api.GoCardlessStore;

internal sealed class GcTransaction
{
    public Guid Id { get; set; }
    public required string AccountId { get; set; }
    public required string ProviderKey { get; set; }
    public string? TransactionId { get; set; }
    public string? InternalTransactionId { get; set; }
    public string? EntryReference { get; set; }
    public required string Status { get; set; }
    public DateOnly? BookingDate { get; set; }
    public DateOnly? ValueDate { get; set; }
    public string? BookingDateTime { get; set; }
    public string? ValueDateTime { get; set; }
    public decimal Amount { get; set; }
    public required string Currency { get; set; }
    public string? CreditorName { get; set; }
    public string? CreditorAccount { get; set; }
    public string? DebtorName { get; set; }
    public string? DebtorAccount { get; set; }
    public string? RemittanceInformation { get; set; }
    public string? BankTransactionCode { get; set; }
    public string? ProprietaryBankTransactionCode { get; set; }
    public required string Raw { get; set; }
    public DateTime FetchedAt { get; set; }
}
