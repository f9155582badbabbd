namespace GoCardless.BankAccountData;

/// <summary>One error GoCardless attached to a request field (or to a top-level key it uses like a field).</summary>
/// <param name="Summary">The short text; for a bare string error, the string itself.</param>
/// <param name="Detail">The longer text; for a bare string error, the string itself.</param>
public sealed record GoCardlessFieldError(string? Summary, string? Detail)
{
    /// <summary>The summary, else the detail, else an empty string.</summary>
    public string Text => Summary ?? Detail ?? "";
}
