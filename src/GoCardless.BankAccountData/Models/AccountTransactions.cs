namespace GoCardless.BankAccountData;

/// <summary>The transactions of an account (<c>GET accounts/&lt;id&gt;/transactions/</c>).</summary>
/// <param name="Booked">Booked transactions, in the order sent.</param>
/// <param name="Pending">Pending transactions (empty when <c>pending</c> was missing or null); informational, they change between fetches.</param>
/// <param name="LastUpdated">When GoCardless last refreshed the account's transactions, if sent and readable.</param>
/// <param name="LastUpdatedRaw"><c>last_updated</c> as sent.</param>
/// <param name="Skipped">Transactions left out because they could not be read.</param>
public sealed record AccountTransactions(
    IReadOnlyList<Transaction> Booked,
    IReadOnlyList<Transaction> Pending,
    DateTimeOffset? LastUpdated,
    string? LastUpdatedRaw,
    IReadOnlyList<SkippedTransaction> Skipped);
