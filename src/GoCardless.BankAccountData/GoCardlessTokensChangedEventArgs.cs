namespace GoCardless.BankAccountData;

/// <summary>Raised by <see cref="GoCardlessTokenCache.TokensChanged"/>.</summary>
/// <param name="tokens">The new pair; <see langword="null"/> when the cache was cleared.</param>
public sealed class GoCardlessTokensChangedEventArgs(GoCardlessTokens? tokens) : EventArgs
{
    /// <summary>The new pair; <see langword="null"/> when the cache was cleared. Contains secrets: persist encrypted, never log.</summary>
    public GoCardlessTokens? Tokens { get; } = tokens;
}
