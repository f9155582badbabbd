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

        using var ready = await PollReadyAsync(client);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = await ready.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("jobs").GetString());
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("database").GetString());
    }

    /// A worker instance is ready once its job server has announced itself, a moment after start-up; probes poll.
    private static async Task<HttpResponseMessage> PollReadyAsync(HttpClient client)
    {
        var ready = await client.GetAsync("/health/ready", Ct);
        for (var attempt = 0; ready.StatusCode != HttpStatusCode.OK && attempt < 50; attempt++)
        {
            ready.Dispose();
            await Task.Delay(200, Ct);
            ready = await client.GetAsync("/health/ready", Ct);
        }

        return ready;
    }
}
