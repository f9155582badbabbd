using System.Text.Json.Nodes;

namespace GoCardless.Sandbox;

/// <summary>One matched <c>api/v2</c> call: the route's wildcard values plus what every handler needs.</summary>
internal sealed class ApiRequest(HttpContext http, SandboxState state, string[] args, string baseUrl)
{
    public HttpContext Http { get; } = http;

    public SandboxState State { get; } = state;

    public IReadOnlyList<string> Args { get; } = args;

    /// <summary>Absolute base of links: scheme, host, path base and mount prefix (or the configured public base), no trailing slash.</summary>
    public string BaseUrl { get; } = baseUrl;

    /// <summary>True while an injected fault wraps the handler: such calls never count towards the per-scope limit.</summary>
    public bool IsFaulted { get; set; }

    public IQueryCollection Query => Http.Request.Query;

    public Task JsonAsync(int status, JsonNode body) => SandboxJson.WriteAsync(Http, status, body);

    public void Header(string name, long value) =>
        Http.Response.Headers[name] = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
