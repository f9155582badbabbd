using System.Collections.Concurrent;
using System.Globalization;

namespace GoCardless.Sandbox;

/// <summary>
/// The movements of an account on a calendar date: a pure function of (account identity, date), cached because balances sum
/// every day since a fixed epoch.
/// </summary>
internal static class TransactionGenerator
{
    /// <summary>Balances are anchored here, independent of the clock, so a booked row's running balance never changes.</summary>
    private static readonly DateOnly Epoch = new(2024, 1, 1);

    private static readonly ConcurrentDictionary<(string Key, DateOnly Date), GeneratedRow[]> Cache = new();

    private static readonly string[] GbpMerchants =
        ["Tesco Stores", "Sainsbury's", "Pret A Manger", "Costa Coffee", "TfL Travel", "Boots", "Amazon UK", "Deliveroo", "Shell", "Waitrose"];

    private static readonly string[] EurMerchants =
        ["Albert Heijn", "Lidl", "Carrefour", "REWE", "Mercadona", "Starbucks", "Amazon EU", "Bolt", "Zalando", "Aldi"];

    private static readonly string[] UsdMerchants = ["Apple.com", "Uber", "Airbnb", "Steam Games", "Netflix.com"];

    private static readonly string[] SekMerchants = ["ICA Supermarket", "Coop", "SL Access", "Systembolaget", "Pressbyran"];

    private static readonly string[] People = ["Sam Taylor", "Anna Berg", "Marco Bianchi", "Sophie Martin", "Tom O'Brien", "Eva Novak"];

    private static readonly string[] TransferReasons = ["Dinner split", "Concert tickets", "Birthday gift", "Holiday share", "Thanks!"];

    public static GeneratedRow[] Day(string seed, AccountIdentity identity, DateOnly date)
    {
        if (Cache.Count > 200_000)
        {
            Cache.Clear();
        }

        return Cache.GetOrAdd((seed + "|" + identity.Key, date), _ => Generate(identity, date));
    }

    /// <summary>Balance at the end of <paramref name="date"/>: every row with a value date up to and including it.</summary>
    public static decimal BalanceAtEndOf(string seed, AccountIdentity identity, DateOnly date)
    {
        var balance = identity.OpeningBalance;
        if (date >= Epoch)
        {
            for (var d = Epoch; d <= date; d = d.AddDays(1))
            {
                balance += Sum(Day(seed, identity, d));
            }
        }
        else
        {
            for (var d = date.AddDays(1); d < Epoch; d = d.AddDays(1))
            {
                balance -= Sum(Day(seed, identity, d));
            }
        }

        return balance;
    }

    public static decimal Sum(IEnumerable<GeneratedRow> rows) => rows.Sum(r => r.Amount);

    private static GeneratedRow[] Generate(AccountIdentity identity, DateOnly date)
    {
        var random = new DeterministicRandom(identity.Key, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var currency = identity.Template.Currency;
        var rows = new List<GeneratedRow>();

        void Add(decimal amount, RowKind kind, string counterparty, string description, string? iban = null, decimal? foreign = null,
            string? foreignCurrency = null) =>
            rows.Add(new GeneratedRow(date, rows.Count, amount, currency, kind, counterparty, description, iban, random.Digits(8),
                (7 * 60) + random.Next(15 * 60), foreign, foreignCurrency));

        if (identity.Institution.Quirks.HasFlag(BankQuirks.SandboxFinance))
        {
            GenerateSandboxFinance(random, Add);
            return [.. rows];
        }

        var scale = currency == "SEK" ? 10m : 1m;
        var month = date.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
        switch (identity.Template.Kind)
        {
            case AccountKind.Savings:
                if (date.Day == 26)
                {
                    Add(Math.Round(random.Amount(150, 450), 0) * scale, RowKind.Transfer, identity.OwnerName, "Monthly savings " + month);
                }

                return [.. rows];

            case AccountKind.Card:
                if (date.Day == 20)
                {
                    Add(random.Amount(300, 700) * scale, RowKind.Transfer, identity.OwnerName, "Payment received - thank you");
                }

                for (var i = random.Next(3); i > 0; i--)
                {
                    var merchant = random.Pick(MerchantsFor(currency));
                    Add(-random.Amount(3, 60) * scale, RowKind.Purchase, merchant, merchant);
                }

                return [.. rows];

            case AccountKind.Current:
            default:
                break;
        }

        var isMainAccount = identity.Ordinal == 0;
        if (isMainAccount && date.Day == 1)
        {
            Add(-identity.Rent, RowKind.Transfer, identity.Landlord, "Rent " + month);
        }

        if (isMainAccount && date.Day == 25)
        {
            Add(identity.Salary, RowKind.Transfer, identity.Employer, "Salary " + month, identity.EmployerIban);
        }

        var count = random.Next(4);
        for (var i = 0; i < count; i++)
        {
            if (random.Chance(75))
            {
                var merchant = random.Pick(MerchantsFor(currency));
                var amount = -random.Amount(2, isMainAccount ? 70 : 25) * scale;
                if (identity.Institution.Quirks.HasFlag(BankQuirks.ShortAmounts) && random.Chance(40))
                {
                    amount = Math.Round(amount, 0);
                }

                if (identity.Institution.Quirks.HasFlag(BankQuirks.CurrencyExchangeObject) && currency == "EUR" && random.Chance(25))
                {
                    var usd = Math.Round(-amount * 1.0843m, 2);
                    var usdMerchant = random.Pick(UsdMerchants);
                    Add(amount, RowKind.Purchase, usdMerchant, usdMerchant, foreign: usd, foreignCurrency: "USD");
                }
                else
                {
                    Add(amount, RowKind.Purchase, merchant, merchant);
                }
            }
            else
            {
                var person = random.Pick(People);
                var reason = random.Pick(TransferReasons);
                if (random.Chance(40))
                {
                    Add(random.Amount(5, 60) * scale, RowKind.Transfer, person, reason, IbanGenerator.Create("IE", "BOFI9000", random, out _));
                }
                else
                {
                    Add(-random.Amount(5, 80) * scale, RowKind.Transfer, person, reason);
                }
            }
        }

        // N26 shows two identical coffees on the same day as two identical rows without ids.
        if (identity.Institution.Quirks.HasFlag(BankQuirks.IdenticalSameDayRows) && rows.Count > 0 && rows[0].Kind == RowKind.Purchase
            && random.Chance(30))
        {
            rows.Add(rows[0] with { Index = rows.Count, IdDigits = random.Digits(8) });
        }

        return [.. rows];
    }

    private static void GenerateSandboxFinance(DeterministicRandom random,
        Action<decimal, RowKind, string, string, string?, decimal?, string?> add)
    {
        // Modelled on the rows the real SANDBOXFINANCE_SFIN0000 returns.
        add(-10.00m, RowKind.Purchase, "Emperor's Burgers", "PAYMENT Emperor's Burgers", null, null, null);
        for (var i = random.Next(3); i > 0; i--)
        {
            switch (random.Next(3))
            {
                case 0:
                    add(-95.35m, RowKind.Purchase, "Freshto Ideal", "Freshto Ideal Clerkenwell", null, null, null);
                    break;
                case 1:
                    add(15.00m, RowKind.Transfer, "Jennifer Houston", "Cab sharing, thank you!", "IE96BOFI900017816198", null, null);
                    break;
                default:
                    add(-35.56m, RowKind.Transfer, "Liam Brown", "Water invoice #5678", null, null, null);
                    break;
            }
        }
    }

    private static string[] MerchantsFor(string currency) => currency switch
    {
        "GBP" => GbpMerchants,
        "USD" => UsdMerchants,
        "SEK" => SekMerchants,
        _ => EurMerchants,
    };
}
