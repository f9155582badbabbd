namespace GoCardless.BankAccountData;

/// <summary>Parses the raw status and type strings GoCardless sends. Unknown or missing values never throw; they map to <c>Unknown</c>.</summary>
public static class GoCardlessEnums
{
    private static readonly Dictionary<string, GoCardlessAccountStatus> AccountStatuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["DISCOVERED"] = GoCardlessAccountStatus.Discovered,
        ["PROCESSING"] = GoCardlessAccountStatus.Processing,
        ["READY"] = GoCardlessAccountStatus.Ready,
        ["ERROR"] = GoCardlessAccountStatus.Error,
        ["EXPIRED"] = GoCardlessAccountStatus.Expired,
        ["SUSPENDED"] = GoCardlessAccountStatus.Suspended,
    };

    private static readonly Dictionary<string, RequisitionStatus> RequisitionStatuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CR"] = RequisitionStatus.Created,
        ["CREATED"] = RequisitionStatus.Created,
        ["GC"] = RequisitionStatus.GivingConsent,
        ["GIVING_CONSENT"] = RequisitionStatus.GivingConsent,
        ["UA"] = RequisitionStatus.UndergoingAuthentication,
        ["UNDERGOING_AUTHENTICATION"] = RequisitionStatus.UndergoingAuthentication,
        ["RJ"] = RequisitionStatus.Rejected,
        ["REJECTED"] = RequisitionStatus.Rejected,
        ["SA"] = RequisitionStatus.SelectingAccounts,
        ["SELECTING_ACCOUNTS"] = RequisitionStatus.SelectingAccounts,
        ["GA"] = RequisitionStatus.GrantingAccess,
        ["GRANTING_ACCESS"] = RequisitionStatus.GrantingAccess,
        ["LN"] = RequisitionStatus.Linked,
        ["LINKED"] = RequisitionStatus.Linked,
        ["EX"] = RequisitionStatus.Expired,
        ["EXPIRED"] = RequisitionStatus.Expired,
        ["SU"] = RequisitionStatus.Suspended,
        ["SUSPENDED"] = RequisitionStatus.Suspended,
    };

    private static readonly Dictionary<string, BalanceType> BalanceTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["closingAvailable"] = BalanceType.ClosingAvailable,
        ["closingBooked"] = BalanceType.ClosingBooked,
        ["closingCleared"] = BalanceType.ClosingCleared,
        ["expected"] = BalanceType.Expected,
        ["forwardAvailable"] = BalanceType.ForwardAvailable,
        ["interimAvailable"] = BalanceType.InterimAvailable,
        ["interimCleared"] = BalanceType.InterimCleared,
        ["information"] = BalanceType.Information,
        ["interimBooked"] = BalanceType.InterimBooked,
        ["nonInvoiced"] = BalanceType.NonInvoiced,
        ["openingBooked"] = BalanceType.OpeningBooked,
        ["openingAvailable"] = BalanceType.OpeningAvailable,
        ["openingCleared"] = BalanceType.OpeningCleared,
        ["previouslyClosedBooked"] = BalanceType.PreviouslyClosedBooked,
        ["authorised"] = BalanceType.Authorised,
    };

    private static readonly Dictionary<string, CashAccountType> CashAccountTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CACC"] = CashAccountType.Current,
        ["CARD"] = CashAccountType.Card,
        ["CASH"] = CashAccountType.CashPayment,
        ["CHAR"] = CashAccountType.Charges,
        ["CISH"] = CashAccountType.CashIncome,
        ["COMM"] = CashAccountType.Commission,
        ["LOAN"] = CashAccountType.Loan,
        ["MGLD"] = CashAccountType.MarginalLending,
        ["MOMA"] = CashAccountType.MoneyMarket,
        ["NREX"] = CashAccountType.NonResidentExternal,
        ["ODFT"] = CashAccountType.Overdraft,
        ["ONDP"] = CashAccountType.OvernightDeposit,
        ["OTHR"] = CashAccountType.Other,
        ["SACC"] = CashAccountType.Settlement,
        ["SLRY"] = CashAccountType.Salary,
        ["SVGS"] = CashAccountType.Savings,
        ["TAXE"] = CashAccountType.Tax,
        ["TRAN"] = CashAccountType.Transacting,
        ["TRAS"] = CashAccountType.CashTrading,
    };

    private static readonly Dictionary<string, AccountUsage> Usages = new(StringComparer.OrdinalIgnoreCase)
    {
        ["PRIV"] = AccountUsage.Private,
        ["ORGA"] = AccountUsage.Organisation,
    };

    private static readonly Dictionary<string, AccountDetailsStatus> DetailsStatuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["enabled"] = AccountDetailsStatus.Enabled,
        ["deleted"] = AccountDetailsStatus.Deleted,
        ["blocked"] = AccountDetailsStatus.Blocked,
    };

    /// <summary>Parses an account metadata status such as <c>READY</c>.</summary>
    /// <param name="value">The raw value.</param>
    /// <returns>The status, or <see cref="GoCardlessAccountStatus.Unknown"/>.</returns>
    public static GoCardlessAccountStatus ParseAccountStatus(string? value) => Lookup(AccountStatuses, value, GoCardlessAccountStatus.Unknown);

    /// <summary>Parses a requisition status code such as <c>LN</c> (long names are accepted too).</summary>
    /// <param name="value">The raw value.</param>
    /// <returns>The status, or <see cref="RequisitionStatus.Unknown"/>.</returns>
    public static RequisitionStatus ParseRequisitionStatus(string? value) => Lookup(RequisitionStatuses, value, RequisitionStatus.Unknown);

    /// <summary>Parses a balance type such as <c>closingBooked</c>.</summary>
    /// <param name="value">The raw value.</param>
    /// <returns>The type, or <see cref="BalanceType.Unknown"/>.</returns>
    public static BalanceType ParseBalanceType(string? value) => Lookup(BalanceTypes, value, BalanceType.Unknown);

    /// <summary>Parses an ISO 20022 cash account type such as <c>CACC</c>.</summary>
    /// <param name="value">The raw value.</param>
    /// <returns>The type, or <see cref="CashAccountType.Unknown"/>.</returns>
    public static CashAccountType ParseCashAccountType(string? value) => Lookup(CashAccountTypes, value, CashAccountType.Unknown);

    /// <summary>Parses an account usage such as <c>PRIV</c>.</summary>
    /// <param name="value">The raw value.</param>
    /// <returns>The usage, or <see cref="AccountUsage.Unknown"/>.</returns>
    public static AccountUsage ParseAccountUsage(string? value) => Lookup(Usages, value, AccountUsage.Unknown);

    /// <summary>Parses an account details status such as <c>enabled</c>.</summary>
    /// <param name="value">The raw value.</param>
    /// <returns>The status, or <see cref="AccountDetailsStatus.Unknown"/>.</returns>
    public static AccountDetailsStatus ParseAccountDetailsStatus(string? value) => Lookup(DetailsStatuses, value, AccountDetailsStatus.Unknown);

    private static T Lookup<T>(Dictionary<string, T> map, string? value, T fallback) =>
        value is not null && map.TryGetValue(value.Trim(), out var parsed) ? parsed : fallback;
}
