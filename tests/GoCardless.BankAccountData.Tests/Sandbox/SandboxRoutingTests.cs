using System.Net;
using GoCardless.Sandbox;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GoCardless.BankAccountData.Tests.Sandbox;

public sealed class SandboxRoutingTests
{
    private const string NotFound = """{"summary":"Not found.","detail":"Not found.","status_code":404}""";

    [Fact]
    public async Task Get_Redirects301ToSlashedUrl_WhenTrailingSlashIsMissing()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var reply = await sandbox.GetAsync("api/v2/institutions?country=gb");
        using var head = await sandbox.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "api/v2/requisitions"), SandboxHarness.Ct);

        Assert.Equal(HttpStatusCode.MovedPermanently, reply.Status);
        Assert.Equal(new Uri(sandbox.Server.ApiBaseAddress, "institutions/?country=gb").ToString(), reply.Location);
        Assert.Equal("", reply.Body);
        Assert.Equal(HttpStatusCode.MovedPermanently, head.StatusCode);
    }

    [Fact]
    public async Task Post_Returns404_WhenTrailingSlashIsMissing()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var reply = await sandbox.SendAsync(HttpMethod.Post, "api/v2/token/new",
            new { secret_id = sandbox.Server.SecretId, secret_key = sandbox.Server.SecretKey }, auth: false);

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal(NotFound, reply.Body);
    }

    [Theory]
    [InlineData("api/v2/")]
    [InlineData("api/v2/payments/")]
    [InlineData("api/v2/accounts/premium/x/y/")]
    [InlineData("api/v2/nothing")]
    public async Task UnknownRoute_Returns404NotFoundJson(string path)
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var reply = await sandbox.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("application/json", reply.ContentType);
        Assert.Equal(NotFound, reply.Body);
    }

    [Fact]
    public async Task Routes_AcceptHyphenlessUuids()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var (id, accounts) = await sandbox.LinkAsync("ING_INGBNL2A");

        var requisition = await sandbox.GetAsync($"api/v2/requisitions/{id.Replace("-", "", StringComparison.Ordinal)}/");
        var account = await sandbox.GetAsync($"api/v2/accounts/{accounts[0].Replace("-", "", StringComparison.Ordinal)}/");

        Assert.Equal(HttpStatusCode.OK, requisition.Status);
        Assert.Equal(id, (string)requisition.Json["id"]!);
        Assert.Equal(HttpStatusCode.OK, account.Status);
        Assert.Equal(accounts[0], (string)account.Json["id"]!);
    }

    [Fact]
    public async Task Clock_AdvancesAndSets_ThroughControlEndpoint()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var advanced = await sandbox.ControlAsync(HttpMethod.Post, "clock", new { advance_seconds = 3600 });
        var set = await sandbox.ControlAsync(HttpMethod.Post, "clock", new { now = "2027-01-01T00:00:00Z" });
        var read = await sandbox.ControlAsync(HttpMethod.Get, "clock");

        Assert.Equal(HttpStatusCode.OK, advanced.Status);
        Assert.Equal("2026-03-10T13:00:00.000000Z", (string)advanced.Json["now"]!);
        Assert.Equal("2027-01-01T00:00:00.000000Z", (string)set.Json["now"]!);
        Assert.Equal("2027-01-01T00:00:00.000000Z", (string)read.Json["now"]!);
    }

    [Fact]
    public async Task MapGoCardlessSandbox_ServesUnderPrefix_AndHidesControlWhenDisabled()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddGoCardlessSandbox(o => o.EnableControlEndpoints = false);
        await using var app = builder.Build();
        app.MapGoCardlessSandbox("/sandbox/gocardless/");
        await app.StartAsync(SandboxHarness.Ct);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/") };

        using var token = await http.PostAsync("sandbox/gocardless/api/v2/token/refresh/",
            new StringContent("""{"refresh":"x"}""", System.Text.Encoding.UTF8, "application/json"), SandboxHarness.Ct);
        using var control = await http.GetAsync("sandbox/gocardless/_sandbox/clock", SandboxHarness.Ct);
        using var unknown = await http.GetAsync("sandbox/gocardless/api/v2/whatever/", SandboxHarness.Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);
        Assert.Equal("""{"summary":"Invalid token","detail":"Token is invalid or expired","status_code":401}""",
            await token.Content.ReadAsStringAsync(SandboxHarness.Ct));
        Assert.Equal(HttpStatusCode.NotFound, control.StatusCode);
        Assert.Equal(NotFound, await unknown.Content.ReadAsStringAsync(SandboxHarness.Ct));
        await app.StopAsync(SandboxHarness.Ct);
    }

    [Fact]
    public async Task MountedSandbox_KeepsItsOwnResponses_WhenHostHasAuthFallbackStatusPagesAndJsonPolicy()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.KebabCaseUpper);
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        builder.Services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddGoCardlessSandbox();
        await using var app = builder.Build();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/api/private", () => "secret");
        app.MapGoCardlessSandbox("/sandbox/gocardless");
        await app.StartAsync(SandboxHarness.Ct);
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/") };

        using var host = await http.GetAsync("api/private", SandboxHarness.Ct);
        using var institutions = await http.GetAsync("sandbox/gocardless/api/v2/institutions/", SandboxHarness.Ct);
        using var unknown = await http.GetAsync("sandbox/gocardless/api/v2/nope/", SandboxHarness.Ct);
        using var consent = await http.GetAsync($"sandbox/gocardless/ob-psd2/start/{Guid.NewGuid()}/ING_INGBNL2A", SandboxHarness.Ct);
        using var clock = await http.GetAsync("sandbox/gocardless/_sandbox/clock", SandboxHarness.Ct);

        Assert.Equal(HttpStatusCode.Found, host.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, institutions.StatusCode);
        Assert.Equal("""{"summary":"Invalid token","detail":"Token is invalid or expired","status_code":401}""",
            await institutions.Content.ReadAsStringAsync(SandboxHarness.Ct));
        Assert.Equal("300", institutions.Headers.GetValues("http_x_ratelimit_limit").Single());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(NotFound, await unknown.Content.ReadAsStringAsync(SandboxHarness.Ct));
        Assert.Equal(HttpStatusCode.NotFound, consent.StatusCode);
        Assert.Contains("This consent link does not exist.", await consent.Content.ReadAsStringAsync(SandboxHarness.Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, clock.StatusCode);
        Assert.Contains("\"offset_seconds\":0", await clock.Content.ReadAsStringAsync(SandboxHarness.Ct), StringComparison.Ordinal);
        await app.StopAsync(SandboxHarness.Ct);
    }
}
