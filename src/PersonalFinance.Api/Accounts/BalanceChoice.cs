namespace PersonalFinance.Api.Accounts;

/// Which of an account's balances the API shows (api.md): the first present of these types, else any.
internal static class BalanceChoice
{
    private static readonly string[] Preference = ["interimAvailable", "closingAvailable", "interimBooked", "closingBooked", "expected"];

    public static T? Choose<T>(IReadOnlyCollection<T> balances, Func<T, string> typeOf) where T : class
    {
        foreach (var type in Preference)
        {
            if (balances.FirstOrDefault(b => string.Equals(typeOf(b), type, StringComparison.Ordinal)) is { } match)
            {
                return match;
            }
        }

        return balances.FirstOrDefault();
    }
}
