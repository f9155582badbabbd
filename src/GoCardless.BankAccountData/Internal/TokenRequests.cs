using GoCardless.BankAccountData.Wire;

namespace GoCardless.BankAccountData.Internal;

/// <summary><c>token/new/</c> and <c>token/refresh/</c>: request bodies and turning the answer into absolute expiries.</summary>
internal static class TokenRequests
{
    // Used only if GoCardless sends neither access_expires nor a readable JWT exp: short, so a wrong guess costs one extra refresh.
    private static readonly TimeSpan UnknownLifetime = TimeSpan.FromMinutes(5);

    public static async Task<GoCardlessResponse<GoCardlessTokens>> NewAsync(
        HttpSend send, Uri baseAddress, string secretId, string secretKey, TimeProvider time, CancellationToken cancellationToken)
    {
        var info = new GoCardlessRequestInfo("POST", GoCardlessRequestInfo.TokenNewPath);
        var body = new TokenNewRequestDto { SecretId = secretId, SecretKey = secretKey };
        using var request = GoCardlessTransport.CreateRequest(
            HttpMethod.Post,
            new Uri(baseAddress, GoCardlessRequestInfo.TokenNewPath),
            GoCardlessTransport.JsonContent(body, GoCardlessJsonContext.Default.TokenNewRequestDto));
        var response = await GoCardlessTransport.SendAsync(send, request, info, cancellationToken);
        var now = time.GetUtcNow();
        var tokens = GoCardlessTransport.Parse(response, GoCardlessJsonContext.Default.TokenResponseDto, dto => ToTokens(dto, now), info);
        return new GoCardlessResponse<GoCardlessTokens>(tokens, response.RateLimits);
    }

    public static async Task<GoCardlessResponse<GoCardlessTokens>> RefreshAsync(
        HttpSend send, Uri baseAddress, string refreshToken, TimeProvider time, CancellationToken cancellationToken)
    {
        var info = new GoCardlessRequestInfo("POST", GoCardlessRequestInfo.TokenRefreshPath);
        var body = new TokenRefreshRequestDto { Refresh = refreshToken };
        using var request = GoCardlessTransport.CreateRequest(
            HttpMethod.Post,
            new Uri(baseAddress, GoCardlessRequestInfo.TokenRefreshPath),
            GoCardlessTransport.JsonContent(body, GoCardlessJsonContext.Default.TokenRefreshRequestDto));
        var response = await GoCardlessTransport.SendAsync(send, request, info, cancellationToken);
        var now = time.GetUtcNow();
        var tokens = GoCardlessTransport.Parse(response, GoCardlessJsonContext.Default.TokenResponseDto, dto => ToTokens(dto, now), info);
        return new GoCardlessResponse<GoCardlessTokens>(tokens, response.RateLimits);
    }

    private static GoCardlessTokens ToTokens(TokenResponseDto? dto, DateTimeOffset now)
    {
        if (dto?.Access is not { Length: > 0 } access)
        {
            throw new ResponseShapeException("Token response without 'access'.");
        }

        var refresh = string.IsNullOrEmpty(dto.Refresh) ? null : dto.Refresh;
        return new GoCardlessTokens(
            access,
            Expiry(now, dto.AccessExpires, Jwt.ReadExpiry(access)) ?? now + UnknownLifetime,
            refresh,
            refresh is null ? null : Expiry(now, dto.RefreshExpires, Jwt.ReadExpiry(refresh)));
    }

    /// <summary>The earlier of <c>now + expires_in</c> and the JWT <c>exp</c>: either may be the one that is right.</summary>
    private static DateTimeOffset? Expiry(DateTimeOffset now, int? expiresInSeconds, DateTimeOffset? jwtExpiry)
    {
        DateTimeOffset? fromLifetime = expiresInSeconds is > 0 ? now.AddSeconds(expiresInSeconds.Value) : null;
        return (fromLifetime, jwtExpiry) switch
        {
            ({ } a, { } b) => a < b ? a : b,
            ({ } a, null) => a,
            (null, { } b) => b,
            _ => null,
        };
    }
}
