using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace GoCardless.BankAccountData.Internal;

/// <summary>
/// Adds the bearer token, and on 401 <c>Invalid token</c> drops it, gets another and replays the request once. The replay is safe for
/// POST and DELETE too: GoCardless rejected the request before processing it. Sits outside the resilience pipeline, so token calls and the
/// replay get their own timeouts and pass the circuit breaker.
/// </summary>
internal sealed class GoCardlessTokenHandler(GoCardlessTokenCache cache, IOptions<GoCardlessOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var info = GoCardlessRequestInfo.From(request, options.Value.BaseAddress);
        if (info.IsTokenNew || info.IsTokenRefresh)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        HttpSend inner = (message, token) => base.SendAsync(message, token);
        var accessToken = await cache.GetAccessTokenAsync(inner, cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!ErrorClassifier.IsInvalidTokenBody(ErrorBody.Parse(body)))
        {
            return response;
        }

        response.Dispose();
        cache.InvalidateAccessToken(accessToken);
        accessToken = await cache.GetAccessTokenAsync(inner, cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await base.SendAsync(request, cancellationToken);
    }
}
