using PersonalFinance.Api.Accounts;
using PersonalFinance.Api.Connections;

namespace PersonalFinance.Api.GoCardlessStore;

/// The one canonical map from GoCardless statuses to ours (data-model.md), used by the callback, the poller,
/// the sync and the seed verbs alike. Unknown codes never throw.
internal static class GoCardlessStatusMap
{
    public static ConnectionStatus ToConnectionStatus(string? requisitionStatus) => requisitionStatus?.Trim().ToUpperInvariant() switch
    {
        "CR" or "GC" or "UA" or "SA" or "GA" => ConnectionStatus.Pending,
        "LN" => ConnectionStatus.Active,
        "EX" => ConnectionStatus.Expired,
        _ => ConnectionStatus.Error,
    };

    public static AccountStatus ToAccountStatus(string? accountStatus) =>
        string.Equals(accountStatus?.Trim(), "READY", StringComparison.OrdinalIgnoreCase) ? AccountStatus.Active : AccountStatus.Inactive;

    /// Requisition codes that may still move on without a new link.
    public static bool IsPending(string? requisitionStatus) => ToConnectionStatus(requisitionStatus) == ConnectionStatus.Pending;
}
