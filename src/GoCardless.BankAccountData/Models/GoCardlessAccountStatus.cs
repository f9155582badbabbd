namespace GoCardless.BankAccountData;

/// <summary>Account metadata <c>status</c>. Only <see cref="Ready"/> means the account can be read.</summary>
public enum GoCardlessAccountStatus
{
    /// <summary>Absent or a value this client does not know.</summary>
    Unknown,

    /// <summary><c>DISCOVERED</c>: found after authentication.</summary>
    Discovered,

    /// <summary><c>PROCESSING</c>: being fetched; data calls answer 409.</summary>
    Processing,

    /// <summary><c>READY</c>: usable.</summary>
    Ready,

    /// <summary><c>ERROR</c>: the last access failed.</summary>
    Error,

    /// <summary><c>EXPIRED</c>: the end-user agreement expired.</summary>
    Expired,

    /// <summary><c>SUSPENDED</c>: suspended after many consecutive failed accesses.</summary>
    Suspended,
}
