namespace GoCardless.BankAccountData;

/// <summary>The answer to a successful DELETE.</summary>
/// <param name="Summary">E.g. <c>Requisition deleted</c>.</param>
/// <param name="Detail">E.g. <c>Requisition &lt;id&gt; deleted with all its End User Agreements</c>.</param>
public sealed record DeletionResult(string? Summary, string? Detail);
