namespace GoCardless.BankAccountData;

/// <summary>The balances of an account (<c>GET accounts/&lt;id&gt;/balances/</c>).</summary>
/// <param name="Balances">Every readable balance, in the order sent.</param>
/// <param name="SkippedCount">Entries left out because their amount was missing or not a number.</param>
public sealed record AccountBalances(IReadOnlyList<Balance> Balances, int SkippedCount)
{
    private static readonly BalanceType[] Preference =
    [
        BalanceType.ClosingBooked,
        BalanceType.Expected,
        BalanceType.ForwardAvailable,
        BalanceType.InterimAvailable,
        BalanceType.InterimBooked,
        BalanceType.NonInvoiced,
        BalanceType.OpeningBooked,
    ];

    /// <summary>
    /// The "current" balance: the first of <c>closingBooked</c>, <c>expected</c>, <c>forwardAvailable</c>, <c>interimAvailable</c>,
    /// <c>interimBooked</c>, <c>nonInvoiced</c>, <c>openingBooked</c>, else the first entry; <see langword="null"/> when there is none.
    /// </summary>
    public Balance? Current
    {
        get
        {
            foreach (var type in Preference)
            {
                foreach (var balance in Balances)
                {
                    if (balance.BalanceType == type)
                    {
                        return balance;
                    }
                }
            }

            return Balances.Count > 0 ? Balances[0] : null;
        }
    }
}
