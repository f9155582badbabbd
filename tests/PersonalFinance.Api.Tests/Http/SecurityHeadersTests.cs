using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using PersonalFinance.Api.Tests.Infrastructure;

namespace PersonalFinance.Api.Tests.Http;

public sealed class SecurityHeadersTests
{
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [Trait("Requirement", "S26")]
    [InlineData("Testing")]
    [InlineData("Production")]
    public async Task EveryEndpoint_CarriesSecurityHeadersAndHsts_WhenNotDevelopment(string environment)
    {
        await using var api = await TestApi.StartAsync(o => o.Environment = environment, Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        using var client = api.CreateClient(user);

        foreach (var (method, path) in MappedRoutes(api).Concat(UiFiles(api)))
        {
            using var response = await SendAsync(client, method, path);
            AssertCommonHeaders(response, path);
            var hsts = Assert.Single(response.Headers.GetValues("Strict-Transport-Security"));
            Assert.Equal("max-age=31536000; includeSubDomains", hsts);
        }
    }

    [Fact]
    [Trait("Requirement", "S26")]
    public async Task EveryEndpoint_CarriesSecurityHeadersWithoutHsts_WhenDevelopment()
    {
        await using var api = await TestApi.StartAsync(o => o.Environment = "Development", Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        using var client = api.CreateClient(user);

        foreach (var (method, path) in MappedRoutes(api).Concat(UiFiles(api)))
        {
            using var response = await SendAsync(client, method, path);
            AssertCommonHeaders(response, path);
            Assert.False(response.Headers.Contains("Strict-Transport-Security"), path);
        }
    }

    [Fact]
    [Trait("Requirement", "S26")]
    public async Task ErrorResponses_CarryApiHeaders_WhenAuthFailsOrRouteIsUnknown()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();

        using var unauthenticated = await client.GetAsync("/auth/me", Ct);
        using var unknown = await client.GetAsync("/api/does-not-exist", Ct);

        await ProblemAssert.IsProblemAsync(unauthenticated, HttpStatusCode.Unauthorized, "Not authenticated");
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound);
        AssertCommonHeaders(unauthenticated, "/auth/me");
        AssertCommonHeaders(unknown, "/api/does-not-exist");
    }

    private static void AssertCommonHeaders(HttpResponseMessage response, string path)
    {
        Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var nosniff), path);
        Assert.Equal("nosniff", Assert.Single(nosniff));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        var csp = response.Headers.TryGetValues("Content-Security-Policy", out var values) ? Assert.Single(values) : null;
        if (path.StartsWith("/api", StringComparison.Ordinal) || path.StartsWith("/auth", StringComparison.Ordinal)
            || path.StartsWith("/health", StringComparison.Ordinal) || path.StartsWith("/openapi", StringComparison.Ordinal))
        {
            Assert.Equal(ApiPolicy, csp);
        }
        else if (!path.StartsWith("/docs", StringComparison.Ordinal) && !path.StartsWith("/scalar", StringComparison.Ordinal))
        {
            Assert.NotNull(csp);
            Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
            Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        }

        if (path.StartsWith("/api", StringComparison.Ordinal) || path.StartsWith("/auth", StringComparison.Ordinal))
        {
            Assert.True(response.Headers.CacheControl?.NoStore, $"{path} must be Cache-Control: no-store");
        }
    }

    /// Every mapped route without parameters, with its first method.
    private static List<(string Method, string Path)> MappedRoutes(TestApi api)
    {
        var routes = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Count == 0 || e.RoutePattern.RawText?.Contains("{documentName}", StringComparison.Ordinal) == true)
            .Select(e => (
                Method: e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods is [var first, ..] ? first : "GET",
                Path: "/" + (e.RoutePattern.RawText ?? string.Empty).Replace("{documentName}", "v1", StringComparison.Ordinal).TrimStart('/')))
            .Distinct()
            .ToList();
        Assert.Contains(routes, r => r.Path == "/auth/login");
        Assert.Contains(routes, r => r.Path == "/health/ready");
        Assert.Contains(routes, r => r.Path == "/openapi/v1.json");
        return routes;
    }

    private static List<(string Method, string Path)> UiFiles(TestApi api)
    {
        var root = api.Services.GetRequiredService<IWebHostEnvironment>().WebRootPath;
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => ("GET", "/" + Path.GetRelativePath(root, f).Replace('\\', '/')))
            .Append(("GET", "/"))
            .ToList();
        Assert.Contains(("GET", "/index.html"), files);
        return files;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PATCH" or "PUT")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return client.SendAsync(request, Ct);
    }
}
