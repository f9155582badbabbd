namespace PersonalFinance.Api.Transactions;

internal sealed record TransactionResponse(
    Guid Id,
    Guid AccountId,
    DateOnly? BookingDate,
    DateOnly? ValueDate,
    decimal Amount,
    string Currency,
    string? Description,
    string? MerchantName,
    string? Category,
    string Status);

internal sealed record TransactionListResponse(IReadOnlyList<TransactionResponse> Transactions, int Total, int Page, int PageSize);
