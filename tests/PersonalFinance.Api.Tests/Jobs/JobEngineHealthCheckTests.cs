using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PersonalFinance.Api.Tests.Infrastructure;

namespace PersonalFinance.Api.Tests.Jobs;

public sealed class JobEngineHealthCheckTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("web")]
    [InlineData("all")]
    public async Task Ready_ReportsTheJobEngine_ForEachRole(string role)
    {
        await using var api = await TestApi.StartAsync(o => o.Settings["Jobs:Role"] = role, Ct);
        using var client = api.CreateRawClient();

        using var ready = await client.GetAsync("/health/ready", Ct);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = await ready.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("jobs").GetString());
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("database").GetString());
    }
}
