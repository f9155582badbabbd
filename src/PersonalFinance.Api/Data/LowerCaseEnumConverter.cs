using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PersonalFinance.Api.Data;

/// Statuses are lower-case strings in the database, exactly as the API spells them.
internal static class LowerCaseEnumConverter
{
    public static ValueConverter<TEnum, string> For<TEnum>() where TEnum : struct, Enum =>
        new(value => value.ToString().ToLowerInvariant(), stored => Enum.Parse<TEnum>(stored, ignoreCase: true));
}
