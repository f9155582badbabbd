using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace GoCardless.BankAccountData.Tests.Client.Infrastructure;

/// <summary>One request as the fake server saw it.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Query, string? Authorization, string? Body, string? ContentType);

/// <summary>
/// A hand-written stand-in for GoCardless serving canned responses: tokens are issued automatically (real JWTs with an <c>exp</c> on the
/// test clock) and every other request goes to <see cref="Responder"/>. Only for parsing and classification tests; behaviour against
/// a stateful server is tested against the sandbox.
/// </summary>
internal sealed class FakeGoCardlessHandler(TimeProvider clock) : HttpMessageHandler
{
    public const string ApiRoot = "/api/v2/";
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private int _tokenSerial;

    public Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> Responder { get; set; } =
        (_, _) => Task.FromResult(Responses.Json(HttpStatusCode.NotFound, """{"summary":"Not found.","detail":"Not found.","status_code":404}"""));

    /// <summary>Answers <c>token/new/</c> and <c>token/refresh/</c> unless set; return null to fall back to the default.</summary>
    public Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage?>>? TokenResponder { get; set; }

    public int AccessLifetimeSeconds { get; set; } = 86400;

    public int RefreshLifetimeSeconds { get; set; } = 2592000;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public int Count(string method, string path) => _requests.Count(r => r.Method == method && r.Path == path);

    public IReadOnlyList<RecordedRequest> DataRequests => [.. _requests.Where(r => !r.Path.StartsWith("token/", StringComparison.Ordinal))];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        Assert.StartsWith(ApiRoot, uri.AbsolutePath);
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.Method.Method,
            uri.AbsolutePath[ApiRoot.Length..],
            uri.Query,
            request.Headers.Authorization?.ToString(),
            body,
            request.Content?.Headers.ContentType?.MediaType);
        _requests.Enqueue(recorded);

        if (recorded.Path is "token/new/" or "token/refresh/")
        {
            if (TokenResponder is not null && await TokenResponder(recorded, cancellationToken) is { } custom)
            {
                return custom;
            }

            return recorded.Path == "token/new/" ? NewTokens() : RefreshedToken();
        }

        return await Responder(recorded, cancellationToken);
    }

    public string IssueJwt(string type, int lifetimeSeconds)
    {
        var serial = Interlocked.Increment(ref _tokenSerial);
        var exp = clock.GetUtcNow().ToUnixTimeSeconds() + lifetimeSeconds;
        var header = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($$"""{"token_type":"{{type}}","exp":{{exp}},"jti":"{{serial}}"}"""));
        return $"{header}.{payload}.c2lnbmF0dXJl";
    }

    private HttpResponseMessage NewTokens()
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["access"] = IssueJwt("access", AccessLifetimeSeconds),
            ["access_expires"] = AccessLifetimeSeconds,
            ["refresh"] = IssueJwt("refresh", RefreshLifetimeSeconds),
            ["refresh_expires"] = RefreshLifetimeSeconds,
        });
        return Responses.Json(HttpStatusCode.OK, body);
    }

    private HttpResponseMessage RefreshedToken()
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["access"] = IssueJwt("access", AccessLifetimeSeconds),
            ["access_expires"] = AccessLifetimeSeconds,
        });
        return Responses.Json(HttpStatusCode.OK, body);
    }
}
