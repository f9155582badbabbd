namespace GoCardless.BankAccountData;

/// <summary>The per-account data scope a call belongs to (the daily per-account limit counts each scope separately).</summary>
public enum GoCardlessScope
{
    /// <summary>Not an account data call (metadata, requisitions, tokens, …).</summary>
    None,

    /// <summary><c>accounts/&lt;id&gt;/details/</c>.</summary>
    Details,

    /// <summary><c>accounts/&lt;id&gt;/balances/</c>.</summary>
    Balances,

    /// <summary><c>accounts/&lt;id&gt;/transactions/</c>.</summary>
    Transactions,
}
