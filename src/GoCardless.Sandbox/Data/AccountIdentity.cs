namespace GoCardless.Sandbox;

/// <summary>
/// Who a generated bank account is: a pure function of (seed, institution, PSU id, ordinal), so the same login at the same bank
/// yields the same IBANs on every reconnect and on every machine.
/// </summary>
internal sealed record AccountIdentity(
    string Key,
    Institution Institution,
    AccountTemplate Template,
    int Ordinal,
    string? Iban,
    string? Bban,
    string? Scan,
    string? MaskedPan,
    string ResourceId,
    string OwnerName,
    decimal OpeningBalance,
    decimal Salary,
    decimal Rent,
    string Employer,
    string EmployerIban,
    string Landlord)
{
    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private static readonly string[] FirstNames =
        ["Alice", "Ben", "Chloe", "Daniel", "Emma", "Felix", "Grace", "Hugo", "Isla", "Jonas", "Katarina", "Luca", "Maja", "Noah", "Olivia", "Pieter"];

    private static readonly string[] LastNames =
        ["Andersen", "Bauer", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Hansen", "Jansen", "Kowalski", "Laurent", "Murphy", "Novak", "Rossi"];

    private static readonly string[] Employers =
        ["Acme Widgets Ltd", "Northwind Traders", "Contoso Holdings", "Globex Europe", "Initech Services", "Umbrella Logistics"];

    private static readonly string[] Landlords = ["Oakwood Lettings", "City Homes", "Harbour Properties", "Green Estates"];

    public bool IsCard => Template.Kind == AccountKind.Card;

    public static AccountIdentity Create(string seed, Institution institution, string psu, int ordinal)
    {
        var key = DeterministicRandom.HexHash(seed, institution.Id, psu, ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var random = new DeterministicRandom(key, "identity");
        var template = institution.Accounts[ordinal];

        string? iban = null;
        string? bban = null;
        string? scan = null;
        string? maskedPan = null;
        if (template.Kind == AccountKind.Card)
        {
            maskedPan = "492181******" + random.Digits(4);
        }
        else
        {
            iban = IbanGenerator.Create(institution.IbanCountry, institution.BankCode, random, out var generatedBban);
            if (institution.IbanCountry == "GB")
            {
                bban = generatedBban;
                scan = generatedBban[4..];
            }
        }

        var resourceChars = new char[26];
        resourceChars[0] = Crockford[random.Next(8)];
        for (var i = 1; i < resourceChars.Length; i++)
        {
            resourceChars[i] = Crockford[random.Next(32)];
        }

        // The owner follows the PSU, not the bank: one person, many banks.
        var person = new DeterministicRandom(seed, "owner", psu);
        var owner = person.Pick(FirstNames) + " " + person.Pick(LastNames);
        if (institution.Quirks.HasFlag(BankQuirks.SandboxFinance))
        {
            owner = ordinal % 2 == 0 ? "John Doe" : "Jane Doe";
        }

        var scale = template.Currency == "SEK" ? 10m : 1m;
        var opening = template.Kind switch
        {
            AccountKind.Card => -random.Amount(150, 900),
            AccountKind.Savings => random.Amount(2000, 9000),
            _ => random.Amount(800, 3500),
        } * scale;
        var employerRandom = new DeterministicRandom(seed, "employer", psu);
        return new AccountIdentity(
            key,
            institution,
            template,
            ordinal,
            iban,
            bban,
            scan,
            maskedPan,
            new string(resourceChars),
            owner,
            opening,
            Math.Round(random.Amount(2400, 4200) * scale, 0),
            Math.Round(random.Amount(750, 1400) * scale, 0),
            employerRandom.Pick(Employers),
            IbanGenerator.Create("GB", "NWBK", employerRandom, out _),
            random.Pick(Landlords));
    }
}
