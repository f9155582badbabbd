using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using PersonalFinance.Api.Tests.Infrastructure;

namespace PersonalFinance.Api.Tests.Http;

public sealed class ApiExceptionHandlerTests
{
    private const string Secret = "connection password is hunter2-secret";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [Trait("Requirement", "S28")]
    [InlineData("Production")]
    [InlineData("Testing")]
    public async Task UnhandledException_GivesGenericProblemWithTraceId_WhenNotDevelopment(string environment)
    {
        await using var api = await TestApi.StartAsync(o =>
        {
            o.Environment = environment;
            o.ConfigureServices += services => services.AddSingleton<IStartupFilter, ThrowingEndpoint>();
        }, Ct);
        using var client = api.CreateRawClient();

        using var response = await client.GetAsync(ThrowingEndpoint.Path, Ct);

        var text = await response.Content.ReadAsStringAsync(Ct);
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError,
            "An unexpected error occurred. Please try again; if it persists, contact support with the trace id.");
        Assert.Equal("Internal Server Error", problem.Title);
        var traceId = problem.Body.TryGetProperty("trace_id", out var snake) ? snake : problem.Body.GetProperty("traceId");
        Assert.False(string.IsNullOrWhiteSpace(traceId.GetString()));
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ThrowingEndpoint", text, StringComparison.Ordinal);
        Assert.False(problem.Body.TryGetProperty("exception", out _));
        var logged = Assert.Single(api.Logs.Entries, e => e.EventId.Id == 9001);
        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.Contains(Secret, logged.Exception, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Requirement", "S29")]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Post_ReturnsPayloadTooLarge_WhenBodyIsOverOneMebibyte(bool chunked)
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();
        var json = $$"""{"username":"{{new string('a', 1024 * 1024)}}","password":"x"}""";
        HttpContent content = chunked
            ? new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)))
            : new StringContent(json, Encoding.UTF8, "application/json");
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login") { Content = content };
        if (chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }

        using var response = await client.SendAsync(request, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "The request body is too large (the limit is 1 MiB).");
        await using var db = api.CreateDbContext();
        Assert.Empty(db.LoginThrottles);
    }

    [Theory]
    [InlineData("""{"username": "alice", """)]
    [InlineData("""["alice", "password"]""")]
    [InlineData("""{"username": 42, "password": "correct horse"}""")]
    [InlineData("not json at all")]
    public async Task Post_ReturnsValidationProblem_WhenJsonIsMalformedOrOfTheWrongShape(string body)
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();

        using var response = await client.PostAsync("/auth/login", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, "The request body is not valid JSON for this endpoint.");
        Assert.Equal("One or more validation errors occurred.", problem.Title);
        Assert.True(problem.Body.GetProperty("errors").TryGetProperty("request", out _));
    }

    private sealed class ThrowingEndpoint : IStartupFilter
    {
        public const string Path = "/test-only/throw";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map(Path, branch => branch.Run(_ => throw new InvalidOperationException(Secret)));
        };
    }
}
