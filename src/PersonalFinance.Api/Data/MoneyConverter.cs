using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PersonalFinance.Api.Data;

/// Money is stored as a 64-bit integer of millionths so that SQL comparisons and ordering agree on SQLite and
/// PostgreSQL (see docs/decisions/003-money-storage.md). A value with finer precision is refused, never rounded.
internal static class MoneyConverter
{
    public const int Scale = 6;
    private const decimal Factor = 1_000_000m;

    public static ValueConverter<decimal, long> Instance { get; } = new(value => ToStored(value), stored => FromStored(stored));

    public static ValueConverter<decimal?, long?> Nullable { get; } = new(
        value => value.HasValue ? ToStored(value.Value) : null,
        stored => stored.HasValue ? FromStored(stored.Value) : null);

    public static long ToStored(decimal value)
    {
        var scaled = value * Factor;
        if (scaled != decimal.Truncate(scaled))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"Amounts are kept to {Scale} decimal places; this one has more.");
        }

        return decimal.ToInt64(scaled);
    }

    public static decimal FromStored(long stored) => stored / Factor;

    public static bool IsRepresentable(decimal value)
    {
        var scaled = value * Factor;
        return scaled == decimal.Truncate(scaled) && scaled is >= long.MinValue and <= long.MaxValue;
    }
}
