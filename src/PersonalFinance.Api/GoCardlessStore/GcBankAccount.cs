namespace PersonalFinance.Api.GoCardlessStore;

internal sealed class GcBankAccount
{
    public required string Id { get; set; }
    public required string RequisitionId { get; set; }
    public string? Iban { get; set; }
    public string? Bban { get; set; }
    public string? Bic { get; set; }
    public string? ResourceId { get; set; }
    public string? OwnerName { get; set; }
    public string? OwnerAddressUnstructured { get; set; }
    public string? Name { get; set; }
    public string? DisplayName { get; set; }
    public string? Product { get; set; }
    public string? CashAccountType { get; set; }
    public string? Currency { get; set; }
    public string? Details { get; set; }
    public string? LinkedAccounts { get; set; }
    public string? Msisdn { get; set; }
    public string? Usage { get; set; }
    public string? Status { get; set; }
    public DateTime? Created { get; set; }
    public DateTime? LastAccessed { get; set; }
    public DateOnly? TransactionsSyncedTo { get; set; }
    public DateTime? DetailsFetchedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// Consecutive failed syncs; automatic syncing backs off long before GoCardless suspends the account.
    public int ConsecutiveFailures { get; set; }
    public DateTime? NextSyncAfter { get; set; }
}
