using System.Net;
using PersonalFinance.Api.Tests.Infrastructure;

namespace PersonalFinance.Api.Tests.Http;

public sealed class WebUiTests
{
    private const string UiPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string WebRoot => Path.Combine(FindRepositoryRoot(), "src", "PersonalFinance.Api", "wwwroot");

    [Theory]
    [Trait("Requirement", "S26")]
    [InlineData("/")]
    [InlineData("/login")]
    [InlineData("/accounts")]
    [InlineData("/accounts?callback=error&reason=user_cancelled")]
    [InlineData("/transactions")]
    public async Task ClientRoute_ServesTheUiShell_WithTheSelfOnlyPolicy(string path)
    {
        await using var api = await TestApi.StartAsync(o => o.UseSandbox = false, Ct);
        using var client = api.CreateRawClient();

        using var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(UiPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("<script type=\"module\" src=\"/js/main.js\"></script>", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/accounts/extra")]
    [InlineData("/transactions/2026")]
    [InlineData("/settings")]
    [InlineData("/api/unknown")]
    public async Task OtherPath_AnswersNotFound_InsteadOfTheUiShell(string path)
    {
        await using var api = await TestApi.StartAsync(o => o.UseSandbox = false, Ct);
        using var client = api.CreateRawClient();

        using var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    [Trait("Requirement", "S26")]
    public async Task EveryUiFile_IsServedWithTheUiPolicy_AndCarriesNoInlineScriptOrStyle()
    {
        await using var api = await TestApi.StartAsync(o => o.UseSandbox = false, Ct);
        using var client = api.CreateRawClient();
        var files = Directory.EnumerateFiles(WebRoot, "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(files, f => f.EndsWith(".js", StringComparison.Ordinal));

        foreach (var file in files)
        {
            var path = "/" + Path.GetRelativePath(WebRoot, file).Replace('\\', '/');
            using var response = await client.GetAsync(path, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
            Assert.Equal(UiPolicy, response.Headers.GetValues("Content-Security-Policy").Single());

            var text = await File.ReadAllTextAsync(file, Ct);
            // Nothing the policy would block: no inline scripts, handlers or styles, and no remote resources.
            Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)[^>]*>", text);
            Assert.DoesNotMatch(@"<style[\s>]|\sstyle=|\son[a-z]+=""", text);
            Assert.DoesNotContain("innerHTML", text, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"(src|href)=""(https?:)?//", text);
            Assert.DoesNotContain("localStorage.set", text, StringComparison.Ordinal);
        }
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PersonalFinance.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("PersonalFinance.slnx not found above the test binaries.");
    }
}
