using System.Net;
using PersonalFinance.Api.Tests.Infrastructure;

namespace PersonalFinance.Api.Tests.Http;

public sealed class ExposedSurfaceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [Trait("Requirement", "S34")]
    [InlineData("/sandbox/gocardless/api/v2/institutions/")]
    [InlineData("/sandbox/gocardless/_sandbox/state")]
    [InlineData("/sandbox/gocardless/ob-psd2/start/00000000-0000-0000-0000-000000000000/SANDBOXFINANCE_SFIN0000")]
    [InlineData("/hangfire")]
    [InlineData("/bench/baseline/accounts")]
    public async Task ProductionHostWithSecrets_AnswersNotFound_OnSandboxDashboardAndBenchPaths(string path)
    {
        await using var api = await TestApi.StartAsync(o => o.Environment = "Production", Ct);
        using var client = api.CreateRawClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestApi.AdminToken);

        using var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    [Trait("Requirement", "S34")]
    public async Task DevelopmentHostWithoutSecrets_MountsTheBuiltInSandbox()
    {
        await using var api = await TestApi.StartAsync(o =>
        {
            o.UseSandbox = false;
            o.Environment = "Development";
        }, Ct);
        using var client = api.CreateRawClient();

        using var institutions = await client.GetAsync("/sandbox/gocardless/api/v2/institutions/", Ct);
        using var control = await client.GetAsync("/sandbox/gocardless/_sandbox/clock", Ct);

        // The API answers (401 without a GoCardless token) rather than 404: the sandbox is there, with its controls in Development.
        Assert.Equal(HttpStatusCode.Unauthorized, institutions.StatusCode);
        Assert.Contains("Invalid token", await institutions.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, control.StatusCode);
        Assert.Contains(api.Logs.Entries, l => l.EventId.Id == 2100);
    }
}
