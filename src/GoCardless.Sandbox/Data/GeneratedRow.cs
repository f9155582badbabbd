namespace GoCardless.Sandbox;

internal enum RowKind
{
    Purchase,
    Transfer,
}

/// <summary>One bank movement with value date <see cref="ValueDate"/>, before any bank's wire quirks are applied.</summary>
internal sealed record GeneratedRow(
    DateOnly ValueDate,
    int Index,
    decimal Amount,
    string Currency,
    RowKind Kind,
    string Counterparty,
    string Description,
    string? CounterpartyIban,
    string IdDigits,
    int MinuteOfDay,
    decimal? ForeignAmount = null,
    string? ForeignCurrency = null);
