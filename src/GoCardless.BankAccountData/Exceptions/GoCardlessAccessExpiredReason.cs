namespace GoCardless.BankAccountData;

/// <summary>Why GoCardless says access to an account has ended (401 on an account call).</summary>
public enum GoCardlessAccessExpiredReason
{
    /// <summary><c>type</c> <c>AccessExpiredError</c>: access expired or was revoked at the bank.</summary>
    AccessExpired,

    /// <summary>The end-user agreement expired (summary <c>End User Agreement (EUA) … has expired</c>, no <c>type</c>).</summary>
    EuaExpired,

    /// <summary><c>type</c> <c>AccountInactiveError</c>: the account was deactivated or no longer exists.</summary>
    AccountInactive,

    /// <summary><c>type</c> <c>FailedAuthentication</c>: the bank's authentication (e.g. SSN verification) failed.</summary>
    BankAuthenticationFailed,
}
