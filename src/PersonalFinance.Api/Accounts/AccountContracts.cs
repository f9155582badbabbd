using System.ComponentModel.DataAnnotations;

namespace PersonalFinance.Api.Accounts;

internal sealed record BalanceResponse(decimal Amount, string Currency, string Type);

internal sealed record AccountResponse(
    Guid Id,
    Guid ConnectionId,
    string? DisplayName,
    string? Name,
    string? Iban,
    string? Currency,
    string Status,
    BalanceResponse? Balance,
    DateTime? LastSyncedAt);

internal sealed record AccountListResponse(IReadOnlyList<AccountResponse> Accounts, int Total);

// Public because the framework's validation source generator skips internal types.
public sealed record UpdateAccountRequest([StringLength(128)] string? DisplayName);
