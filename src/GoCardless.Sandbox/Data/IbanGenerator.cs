using System.Globalization;
using System.Text;

namespace GoCardless.Sandbox;

internal static class IbanGenerator
{
    private static readonly Dictionary<string, int> BbanLengths = new(StringComparer.Ordinal)
    {
        ["GB"] = 18,
        ["GL"] = 14,
        ["LT"] = 16,
        ["NL"] = 14,
        ["BE"] = 12,
        ["DE"] = 18,
        ["ES"] = 20,
        ["SE"] = 20,
        ["IE"] = 18,
        ["FR"] = 23,
    };

    /// <summary>An IBAN whose BBAN is the bank code plus random digits, with valid ISO 13616 mod-97 check digits.</summary>
    public static string Create(string country, string bankCode, DeterministicRandom random, out string bban)
    {
        var length = BbanLengths.GetValueOrDefault(country, 16);
        if (country == "BE")
        {
            // Belgian BBANs carry their own mod-97 over the first ten digits (00 is written 97).
            var first = bankCode + random.Digits(10 - bankCode.Length);
            var check = (int)(long.Parse(first, CultureInfo.InvariantCulture) % 97);
            bban = first + (check == 0 ? 97 : check).ToString("00", CultureInfo.InvariantCulture);
        }
        else
        {
            bban = bankCode + random.Digits(length - bankCode.Length);
        }

        return country + CheckDigits(country, bban) + bban;
    }

    public static string CheckDigits(string country, string bban)
    {
        var remainder = Mod97(bban + country + "00");
        return (98 - remainder).ToString("00", CultureInfo.InvariantCulture);
    }

    private static int Mod97(string text)
    {
        var digits = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else
            {
                digits.Append((char.ToUpperInvariant(c) - 'A' + 10).ToString(CultureInfo.InvariantCulture));
            }
        }

        var remainder = 0;
        foreach (var c in digits.ToString())
        {
            remainder = ((remainder * 10) + (c - '0')) % 97;
        }

        return remainder;
    }
}
