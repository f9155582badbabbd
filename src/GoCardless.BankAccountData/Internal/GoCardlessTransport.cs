using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace GoCardless.BankAccountData.Internal;

internal delegate Task<HttpResponseMessage> HttpSend(HttpRequestMessage request, CancellationToken cancellationToken);

/// <summary>A success status, its body text and rate-limit headers.</summary>
internal sealed record RawResponse(HttpStatusCode StatusCode, string Body, RateLimitInfo RateLimits);

/// <summary>Sends one request and turns every failure into the library's exceptions; shared by the client and the token cache.</summary>
internal static class GoCardlessTransport
{
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    public static HttpRequestMessage CreateRequest(HttpMethod method, Uri uri, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Headers.Accept.Add(Json);
        return request;
    }

    /// <summary>A JSON body that can be sent more than once (the token handler replays a request after re-authenticating).</summary>
    public static ByteArrayContent JsonContent<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    public static async Task<RawResponse> SendAsync(HttpSend send, HttpRequestMessage request, GoCardlessRequestInfo info, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await send(request, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (BrokenCircuitException exception)
        {
            throw new GoCardlessUnavailableException(GoCardlessError.NoResponse(info.ToString()), GoCardlessUnavailableReason.CircuitOpen, exception);
        }
        catch (TimeoutRejectedException exception)
        {
            throw new GoCardlessUnavailableException(GoCardlessError.NoResponse(info.ToString()), GoCardlessUnavailableReason.Timeout, exception);
        }
        catch (OperationCanceledException exception)
        {
            throw new GoCardlessUnavailableException(GoCardlessError.NoResponse(info.ToString()), GoCardlessUnavailableReason.Timeout, exception);
        }
        catch (HttpRequestException exception)
        {
            throw new GoCardlessUnavailableException(GoCardlessError.NoResponse(info.ToString()), GoCardlessUnavailableReason.ConnectionFailed, exception);
        }

        using (response)
        {
            var rateLimits = RateLimitInfo.FromHeaders(response.Headers);
            string body;
            try
            {
                body = await response.Content.ReadAsStringAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException)
            {
                var error = GoCardlessError.NoResponse(info.ToString()) with { StatusCode = response.StatusCode, RateLimits = rateLimits };
                throw new GoCardlessUnavailableException(error, GoCardlessUnavailableReason.ConnectionFailed, exception);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw ErrorClassifier.Classify(response.StatusCode, body, rateLimits, info);
            }

            return new RawResponse(response.StatusCode, body, rateLimits);
        }
    }

    public static T Parse<TDto, T>(RawResponse response, JsonTypeInfo<TDto> typeInfo, Func<TDto?, T> map, GoCardlessRequestInfo info)
    {
        try
        {
            return map(JsonSerializer.Deserialize(response.Body, typeInfo));
        }
        catch (Exception exception) when (exception is JsonException or ResponseShapeException)
        {
            throw ErrorClassifier.Protocol(response.StatusCode, response.Body, response.RateLimits, info, exception);
        }
    }
}
