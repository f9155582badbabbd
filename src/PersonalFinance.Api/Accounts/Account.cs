namespace PersonalFinance.Api.Accounts;

internal sealed class Account
{
    public Guid Id { get; set; }
    public Guid ConnectionId { get; set; }
    public required string ProviderId { get; set; }
    public string? DisplayName { get; set; }
    public string? Name { get; set; }
    public string? Iban { get; set; }
    public string? Currency { get; set; }
    public AccountStatus Status { get; set; }
    public decimal? BalanceAmount { get; set; }
    public string? BalanceCurrency { get; set; }
    public string? BalanceType { get; set; }
    public DateTime? BalanceUpdatedAt { get; set; }
    public DateTime? LastSyncedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
