using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PersonalFinance.Api.Data;

/// Instants are stored as UTC on both providers and always read back with <see cref="DateTimeKind.Utc"/>.
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
