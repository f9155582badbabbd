namespace GoCardless.BankAccountData;

/// <summary>Account details <c>usage</c>.</summary>
public enum AccountUsage
{
    /// <summary>Absent or unrecognised.</summary>
    Unknown,

    /// <summary><c>PRIV</c>: private.</summary>
    Private,

    /// <summary><c>ORGA</c>: professional / organisation.</summary>
    Organisation,
}
