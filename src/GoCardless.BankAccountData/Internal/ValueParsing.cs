using System.Globalization;

namespace GoCardless.BankAccountData.Internal;

internal static class ValueParsing
{
    // Float, not Number: NumberStyles.Number allows thousands separators, which would read a stray "15,00" as 1500.
    private const NumberStyles AmountStyles = NumberStyles.Float;

    public static decimal? Decimal(string? text) =>
        text is not null && decimal.TryParse(text.Trim(), AmountStyles, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static int? Int32(string? text) =>
        text is not null && int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A <c>YYYY-MM-DD</c> date; a date-time yields its date part as written.</summary>
    public static DateOnly? Date(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        if (trimmed.Length > 10)
        {
            trimmed = trimmed[..10];
        }

        return DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }

    /// <summary>ISO-8601 with <c>Z</c>, an offset or no zone (taken as UTC), with or without fractions; the offset is kept.</summary>
    public static DateTimeOffset? DateTime(string? text) =>
        !string.IsNullOrWhiteSpace(text)
        && DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : null;

    public static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
