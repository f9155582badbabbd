namespace GoCardless.BankAccountData;

/// <summary>Requisition <c>status</c> (short codes on the wire).</summary>
public enum RequisitionStatus
{
    /// <summary>An undocumented or unrecognised code (<c>ID</c>, <c>ER</c>, <c>CZ</c>, …).</summary>
    Unknown,

    /// <summary><c>CR</c>: created, link not opened.</summary>
    Created,

    /// <summary><c>GC</c>: the user is on the consent screen.</summary>
    GivingConsent,

    /// <summary><c>UA</c>: the user is authenticating at the bank.</summary>
    UndergoingAuthentication,

    /// <summary><c>RJ</c>: rejected; start over with a new requisition.</summary>
    Rejected,

    /// <summary><c>SA</c>: the user is selecting accounts.</summary>
    SelectingAccounts,

    /// <summary><c>GA</c>: the user is granting access at the bank.</summary>
    GrantingAccess,

    /// <summary><c>LN</c>: linked; <see cref="Requisition.Accounts"/> is populated.</summary>
    Linked,

    /// <summary><c>EX</c>: the agreement expired (set lazily, when an account is accessed).</summary>
    Expired,

    /// <summary><c>SU</c>: suspended after numerous access errors.</summary>
    Suspended,
}
