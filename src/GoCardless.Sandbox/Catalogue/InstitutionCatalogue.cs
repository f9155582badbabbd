using System.Collections.Frozen;

namespace GoCardless.Sandbox;

/// <summary>
/// The sandbox banks of gocardless.md §13 item 13: plausible values, each exercising one wire quirk our client must survive.
/// </summary>
internal static class InstitutionCatalogue
{
    private const string LogoBase = "https://cdn-logos.gocardless.com/ais/";

    private static readonly AccountTemplate EurCurrent = new(AccountKind.Current, "EUR", "Current Account", "Current Account", "CACC");

    public static readonly IReadOnlyList<Institution> All =
    [
        new("SANDBOXFINANCE_SFIN0000", "Sandbox Finance", "SFIN0000", ["XX"], 90, 180, null, [], Logo("SANDBOXFINANCE_SFIN0000"),
            "GL", "1023",
            [
                new(AccountKind.Current, "EUR", "Main Account", "Checkings", "CACC"),
                new(AccountKind.Current, "EUR", "Main Account", "Checkings", "CACC"),
            ],
            BankQuirks.SandboxFinance),
        new("NATIONWIDE_NAIAGB21", "Nationwide Building Society", "NAIAGB21", ["GB"], 730, 90, 730,
            ["account_selection", "pending_transactions", "private_accounts", "reconfirmation_of_consent"], Logo("NATIONWIDE_NAIAGB21"),
            "GB", "NAIA",
            [
                new(AccountKind.Current, "GBP", "FlexDirect", "FlexDirect Current Account", "CACC"),
                new(AccountKind.Savings, "GBP", "Loyalty Saver", "Loyalty Single Access ISA", "SVGS"),
            ],
            BankQuirks.None),
        new("MONZO_MONZGB2L", "Monzo Bank", "MONZGB2L", ["GB"], 730, 90, 730,
            ["pending_transactions", "private_accounts", "business_accounts"], Logo("MONZO_MONZGB2L"),
            "GB", "MONZ",
            [new(AccountKind.Current, "GBP", "Personal Account", "Personal Account", "CACC")],
            BankQuirks.OffsetBookingDateTime),
        new("STARLING_SRLGGB3L", "Starling Bank", "SRLGGB3L", ["GB"], 730, 90, null,
            ["pending_transactions", "private_accounts", "business_accounts"], Logo("STARLING_SRLGGB3L"),
            "GB", "SRLG",
            [
                new(AccountKind.Current, "GBP", "Personal", "Personal Current Account", "CACC"),
                new(AccountKind.Current, "EUR", "Euro", "Euro Account", "CACC"),
            ],
            BankQuirks.RemittanceArrayOnly),
        new("BARCLAYS_BUKBGB22", "Barclays Personal", "BUKBGB22", ["GB"], 730, 90, 730,
            ["card_accounts", "private_accounts", "pending_transactions"], Logo("BARCLAYS_BUKBGB22"),
            "GB", "BUKB",
            [
                new(AccountKind.Current, "GBP", "Bank Account", "Barclays Bank Account", "CACC"),
                new(AccountKind.Card, "GBP", "Barclaycard", "Barclaycard Platinum", "CARD"),
            ],
            BankQuirks.None),
        new("REVOLUT_REVOLT21", "Revolut", "REVOLT21", ["LT", "DE", "FR", "ES", "IE", "NL"], 730, 180, null,
            ["account_selection", "pending_transactions", "private_accounts", "business_accounts", "card_accounts"], Logo("REVOLUT_REVOLT21"),
            "LT", "32500",
            [
                new(AccountKind.Current, "EUR", "EUR", "Personal", "CACC"),
                new(AccountKind.Current, "USD", "USD", "Personal", "CACC"),
            ],
            BankQuirks.CurrencyExchangeObject),
        new("ING_INGBNL2A", "ING", "INGBNL2A", ["NL"], 730, 180, null,
            ["pending_transactions", "private_accounts"], Logo("ING_INGBNL2A"),
            "NL", "INGB",
            [new(AccountKind.Current, "EUR", "Betaalrekening", "Oranje Pakket", "CACC")],
            BankQuirks.ZonelessValueDateTime | BankQuirks.ShortAmounts),
        new("KBC_KREDBEBB", "KBC", "KREDBEBB", ["BE"], 730, 180, null,
            ["private_accounts", "business_accounts"], "https://storage.googleapis.com/gc-prd-institution_icons-production/BE/PNG/kbc.png",
            "BE", "734",
            [new(AccountKind.Current, "EUR", "KBC-Plus Account", "KBC-Plus Account", "CACC")],
            BankQuirks.NoPendingKey | BankQuirks.TransactionIdOnly),
        new("N26_NTSBDEB1", "N26 Bank", "NTSBDEB1", ["DE", "AT"], 730, 180, null,
            ["pending_transactions", "private_accounts"], Logo("N26_NTSBDEB1"),
            "DE", "10011001",
            [EurCurrent with { Name = "Main Account", Product = "N26 Standard" }],
            BankQuirks.NoIds | BankQuirks.IdenticalSameDayRows),
        new("BBVA_BBVAESMM", "BBVA", "BBVAESMM", ["ES"], 730, 90, null,
            ["private_accounts", "access_scopes"], Logo("BBVA_BBVAESMM"),
            "ES", "0182",
            [EurCurrent with { Name = "Cuenta Online", Product = "Cuenta Online" }],
            BankQuirks.DetailsBalancesTogether),
        new("SWEDBANK_SWEDSESS", "Swedbank", "SWEDSESS", ["SE"], 730, 180, null,
            ["private_accounts"], Logo("SWEDBANK_SWEDSESS"),
            "SE", "8000",
            [new(AccountKind.Current, "SEK", "Privatkonto", "Privatkonto", "CACC")],
            BankQuirks.None, OperationalByDefault: false),
    ];

    private static readonly FrozenDictionary<string, Institution> ById = All.ToFrozenDictionary(i => i.Id, StringComparer.Ordinal);

    /// <summary>EEA, GB and the sandbox's XX: the values the real API accepts for <c>country</c>.</summary>
    public static readonly FrozenSet<string> SupportedCountries = new[]
    {
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IS", "IE", "IT", "LV", "LI", "LT", "LU",
        "MT", "NL", "NO", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "GB", "XX",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Query flag → feature name; the last three have no documented feature, the names are ours.</summary>
    public static readonly FrozenDictionary<string, string> FeatureFilters = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["access_scopes_supported"] = "access_scopes",
        ["account_selection_supported"] = "account_selection",
        ["business_accounts_supported"] = "business_accounts",
        ["card_accounts_supported"] = "card_accounts",
        ["corporate_accounts_supported"] = "corporate_accounts",
        ["pending_transactions_supported"] = "pending_transactions",
        ["private_accounts_supported"] = "private_accounts",
        ["read_debtor_account_supported"] = "read_debtor_account",
        ["read_refund_account_supported"] = "read_refund_account",
        ["separate_continuous_history_consent_supported"] = "separate_continuous_history_consent",
        ["ssn_verification_supported"] = "ssn_verification",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static Institution? Find(string id) => ById.GetValueOrDefault(id);

    private static string Logo(string id) => LogoBase + id + ".png";
}
