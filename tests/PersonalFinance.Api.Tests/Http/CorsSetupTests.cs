using System.Net;
using Microsoft.Extensions.Options;
using PersonalFinance.Api.Tests.Infrastructure;

namespace PersonalFinance.Api.Tests.Http;

public sealed class CorsSetupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [Trait("Requirement", "S27")]
    [InlineData("https://evil.example")]
    [InlineData("http://localhost:3001")]
    [InlineData("https://localhost:3000")]
    [InlineData("http://localhost:3000.evil.example")]
    [InlineData("null")]
    public async Task Preflight_GetsNoAllowOrigin_WhenOriginIsNotListed(string origin)
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();

        using var response = await PreflightAsync(client, origin);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Theory]
    [Trait("Requirement", "S27")]
    [InlineData("http://localhost:3000")]
    [InlineData("own origin")]
    public async Task Preflight_EchoesTheOriginWithCredentials_WhenOriginIsInTheDefaultList(string origin)
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();
        origin = origin == "own origin" ? $"http://127.0.0.1:{api.Port}" : origin;

        using var response = await PreflightAsync(client, origin);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(origin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("true", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Credentials")));
        var methods = string.Join(",", response.Headers.GetValues("Access-Control-Allow-Methods"));
        Assert.Contains("PATCH", methods, StringComparison.Ordinal);
        var headers = string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
        Assert.Contains("authorization", headers, StringComparison.Ordinal);
        Assert.Contains("content-type", headers, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "S27")]
    public async Task Cors_AllowsOnlyTheConfiguredOrigins_WhenAListIsConfigured()
    {
        await using var api = await TestApi.StartAsync(o => o.Settings["Cors:AllowedOrigins:0"] = "https://app.example.com", Ct);
        using var client = api.CreateRawClient();

        using var listed = await PreflightAsync(client, "https://app.example.com");
        using var defaultOnly = await PreflightAsync(client, "http://localhost:3000");
        using var otherScheme = await PreflightAsync(client, "http://app.example.com");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("Origin", "https://app.example.com");
        using var simple = await client.SendAsync(request, Ct);

        Assert.Equal("https://app.example.com", Assert.Single(listed.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("true", Assert.Single(listed.Headers.GetValues("Access-Control-Allow-Credentials")));
        Assert.False(defaultOnly.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(otherScheme.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.OK, simple.StatusCode);
        Assert.Equal("https://app.example.com", Assert.Single(simple.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Theory]
    [Trait("Requirement", "S27")]
    [InlineData("*")]
    [InlineData("https://*.example.com")]
    [InlineData("https://app.example.com/")]
    public async Task Start_Fails_WhenAllowedOriginsHoldAWildcardOrAnythingButAnOrigin(string origin)
    {
        var exception = await StartupProbe.StartExpectingFailureAsync(
            "Production", new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = "http://localhost:3000", ["Cors:AllowedOrigins:1"] = origin }, Ct);

        var validation = Assert.IsType<OptionsValidationException>(exception);
        Assert.Contains("Cors:AllowedOrigins", validation.Message, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PreflightAsync(HttpClient client, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/auth/login");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "PATCH");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return await client.SendAsync(request, Ct);
    }
}
