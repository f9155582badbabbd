using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PersonalFinance.Api.Tests.Infrastructure;

namespace PersonalFinance.Api.Tests.Http;

public sealed class HealthChecksTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Live_ReturnsHealthyJson_WhenProcessIsUp()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();

        using var response = await client.GetAsync("/health/live", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_ReturnsHealthyJsonWithDatabaseCheck_WhenDatabaseIsReachable()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();

        using var response = await client.GetAsync("/health/ready", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("database").GetString());
    }

    [Fact]
    public async Task OpenApi_ServesTheDocumentAndDocsPage_WhenDocsAreEnabled()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();

        using var document = await client.GetAsync("/openapi/v1.json", Ct);
        using var docsRedirect = await client.GetAsync("/docs", Ct);
        using var docs = await client.GetAsync("/docs/", Ct);

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Equal(HttpStatusCode.Found, docsRedirect.StatusCode);
        Assert.Equal("application/json", document.Content.Headers.ContentType?.MediaType);
        var body = await document.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.StartsWith("3.", body.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = body.GetProperty("paths");
        foreach (var path in new[] { "/auth/login", "/auth/refresh", "/auth/logout", "/auth/me", "/auth/register" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }

        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Equal("text/html", docs.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OpenApi_IsNotMapped_WhenDocsAreDisabled()
    {
        await using var api = await TestApi.StartAsync(o => o.Settings["Docs:Enabled"] = "false", Ct);
        using var client = api.CreateRawClient();

        using var document = await client.GetAsync("/openapi/v1.json", Ct);
        using var docs = await client.GetAsync("/docs", Ct);

        await ProblemAssert.IsProblemAsync(document, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(docs, HttpStatusCode.NotFound);
    }
}
