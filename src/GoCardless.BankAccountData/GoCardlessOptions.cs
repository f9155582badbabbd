namespace GoCardless.BankAccountData;

/// <summary>Settings for <c>GoCardlessClient</c>.</summary>
public sealed class GoCardlessOptions
{
    /// <summary>The API root, with its trailing slash.</summary>
    public Uri BaseAddress { get; set; } = new("https://bankaccountdata.gocardless.com/api/v2/");
}
