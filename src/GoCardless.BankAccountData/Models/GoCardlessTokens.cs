namespace GoCardless.BankAccountData;

/// <summary>
/// An access token and, from <c>token/new/</c>, a refresh token, with absolute expiries. <see cref="ToString"/> does not print the tokens.
/// </summary>
/// <param name="AccessToken">The bearer token (a JWT).</param>
/// <param name="AccessExpiresAt">When the access token expires (the earlier of <c>access_expires</c> and the JWT <c>exp</c>).</param>
/// <param name="RefreshToken">The refresh token; <see langword="null"/> for a <c>token/refresh/</c> answer, which has none.</param>
/// <param name="RefreshExpiresAt">When the refresh token expires, if known.</param>
public sealed record GoCardlessTokens(string AccessToken, DateTimeOffset AccessExpiresAt, string? RefreshToken, DateTimeOffset? RefreshExpiresAt)
{
    /// <summary>Describes the expiries only; tokens are secrets.</summary>
    /// <returns>A redacted description.</returns>
    public override string ToString() =>
        $"GoCardlessTokens {{ AccessExpiresAt = {AccessExpiresAt:O}, HasRefreshToken = {RefreshToken is not null}, RefreshExpiresAt = {RefreshExpiresAt:O} }}";
}
