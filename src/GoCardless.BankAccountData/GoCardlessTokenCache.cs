using GoCardless.BankAccountData.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoCardless.BankAccountData;

/// <summary>
/// The in-memory GoCardless token pair, shared by every <see cref="GoCardlessClient"/> of a service provider (a singleton). Before a call:
/// a valid access token is used; else a valid refresh token is exchanged on <c>token/refresh/</c> (keeping the refresh token); else, or if
/// the refresh is refused once, <c>token/new/</c> is called. Tokens count as expired <see cref="GoCardlessOptions.TokenExpiryMargin"/>
/// early. Concurrent callers share one fetch. After GoCardless refuses the secrets, <c>token/new/</c> is not tried again for
/// <see cref="GoCardlessOptions.AuthenticationRetryInterval"/>.
/// </summary>
public sealed partial class GoCardlessTokenCache
{
    private readonly Lock _gate = new();
    private readonly IOptions<GoCardlessOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private GoCardlessTokens? _tokens;
    private Task<string>? _fetch;
    private DateTimeOffset? _refusedAt;
    private GoCardlessError? _refusal;

    internal GoCardlessTokenCache(IOptions<GoCardlessOptions> options, TimeProvider time, ILogger<GoCardlessTokenCache> logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Raised after a new pair was obtained or refreshed, or the cache was cleared, so the pair can be persisted and restored with
    /// <see cref="Restore"/> after a restart (sparing <c>token/new/</c>, which is limited to 100 per hour). Handlers run on the fetching
    /// thread and must not throw or block.
    /// </summary>
    public event EventHandler<GoCardlessTokensChangedEventArgs>? TokensChanged;

    /// <summary>The cached pair, if any. Contains secrets: never log it.</summary>
    public GoCardlessTokens? Current
    {
        get
        {
            lock (_gate)
            {
                return _tokens;
            }
        }
    }

    /// <summary>Puts a previously persisted pair back into the cache (does not raise <see cref="TokensChanged"/>).</summary>
    /// <param name="tokens">The pair.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tokens"/> is <see langword="null"/>.</exception>
    public void Restore(GoCardlessTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        lock (_gate)
        {
            _tokens = tokens;
        }
    }

    /// <summary>Forgets the pair and any remembered refusal; the next call fetches a new pair.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _tokens = null;
            _refusedAt = null;
            _refusal = null;
        }

        TokensChanged?.Invoke(this, new GoCardlessTokensChangedEventArgs(null));
    }

    internal async Task<string> GetAccessTokenAsync(HttpSend send, CancellationToken cancellationToken)
    {
        Task<string> fetch;
        lock (_gate)
        {
            if (_tokens is { } tokens && IsUsable(tokens.AccessExpiresAt))
            {
                return tokens.AccessToken;
            }

            // One fetch for all callers. It is not tied to any caller's cancellation (one caller giving up must not fail the others);
            // the pipeline's total timeout bounds it.
            if (_fetch is null || _fetch.IsCompleted)
            {
                _fetch = Task.Run(() => FetchAsync(send), CancellationToken.None);
            }

            fetch = _fetch;
        }

        return await fetch.WaitAsync(cancellationToken);
    }

    /// <summary>Drops the access token GoCardless just rejected, unless another caller already replaced it.</summary>
    internal void InvalidateAccessToken(string accessToken)
    {
        lock (_gate)
        {
            if (_tokens is { } tokens && tokens.AccessToken == accessToken)
            {
                _tokens = tokens with { AccessExpiresAt = DateTimeOffset.MinValue };
            }
        }
    }

    // Written as now + margin so a dropped token (expiry MinValue) cannot underflow.
    private bool IsUsable(DateTimeOffset expiresAt) => _time.GetUtcNow() + _options.Value.TokenExpiryMargin < expiresAt;

    private async Task<string> FetchAsync(HttpSend send)
    {
        var options = _options.Value;
        GoCardlessTokens? current;
        lock (_gate)
        {
            current = _tokens;
        }

        if (current?.RefreshToken is { } refreshToken && (current.RefreshExpiresAt is not { } refreshExpiry || IsUsable(refreshExpiry)))
        {
            try
            {
                var refreshed = await TokenRequests.RefreshAsync(send, options.BaseAddress, refreshToken, _time, CancellationToken.None);
                var tokens = refreshed.Value with { RefreshToken = refreshToken, RefreshExpiresAt = current.RefreshExpiresAt };
                Store(tokens);
                Log.AccessTokenRefreshed(_logger, tokens.AccessExpiresAt);
                return tokens.AccessToken;
            }
            catch (GoCardlessTokenInvalidException)
            {
                Log.RefreshTokenRejected(_logger);
            }
        }

        ThrowIfRecentlyRefused(options);
        try
        {
            var created = await TokenRequests.NewAsync(send, options.BaseAddress, options.SecretId, options.SecretKey, _time, CancellationToken.None);
            Store(created.Value);
            Log.TokensObtained(_logger, created.Value.AccessExpiresAt);
            return created.Value.AccessToken;
        }
        catch (GoCardlessAuthenticationFailedException exception)
        {
            lock (_gate)
            {
                _refusedAt = _time.GetUtcNow();
                _refusal = exception.Error;
            }

            Log.SecretsRefused(_logger);
            throw;
        }
    }

    private void ThrowIfRecentlyRefused(GoCardlessOptions options)
    {
        GoCardlessError? refusal;
        lock (_gate)
        {
            refusal = _refusedAt is { } refusedAt && _time.GetUtcNow() - refusedAt < options.AuthenticationRetryInterval ? _refusal : null;
        }

        if (refusal is not null)
        {
            // token/new/ is limited to 100 per hour company-wide: a wrong secret must not turn every call into another attempt.
            throw new GoCardlessAuthenticationFailedException(refusal);
        }
    }

    private void Store(GoCardlessTokens tokens)
    {
        lock (_gate)
        {
            _tokens = tokens;
            _refusedAt = null;
            _refusal = null;
        }

        TokensChanged?.Invoke(this, new GoCardlessTokensChangedEventArgs(tokens));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "GoCardless access token obtained with the secrets; expires at {ExpiresAt}")]
        public static partial void TokensObtained(ILogger logger, DateTimeOffset expiresAt);

        [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "GoCardless access token refreshed; expires at {ExpiresAt}")]
        public static partial void AccessTokenRefreshed(ILogger logger, DateTimeOffset expiresAt);

        [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "GoCardless refused the refresh token; requesting a new pair with the secrets")]
        public static partial void RefreshTokenRejected(ILogger logger);

        [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "GoCardless refused the configured secrets (token/new/ answered 401); check GoCardless SecretId and SecretKey")]
        public static partial void SecretsRefused(ILogger logger);
    }
}
