namespace GoCardless.BankAccountData;

/// <summary>Account details <c>status</c> (from the bank; distinct from the metadata status).</summary>
public enum AccountDetailsStatus
{
    /// <summary>Absent or unrecognised.</summary>
    Unknown,

    /// <summary><c>enabled</c>.</summary>
    Enabled,

    /// <summary><c>deleted</c>.</summary>
    Deleted,

    /// <summary><c>blocked</c>.</summary>
    Blocked,
}
