using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace PersonalFinance.Api.Tests.Infrastructure;

/// One headless Debian Chromium per test class (never a downloaded browser); a fresh context per test.
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is missing at {ChromiumPath}; scripts/test.sh installs Debian's chromium package.");
        }

        // Auto-waiting assertions poll until this deadline; it only matters when a test is already failing.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// Runs a test in a new browser context against the app under test. Requests to any non-loopback host are
    /// aborted (the sandbox's consent page links a remote logo; the app's own pages must request none), and
    /// script errors or CSP violations on the app's pages fail the test. A screenshot is saved on failure.
    internal async Task RunAsync(TestApi api, Func<IPage, Task> test, int width = 1280, int height = 900)
    {
        var appOrigin = api.ServerAddress.GetLeftPart(UriPartial.Authority);
        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = appOrigin,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(20_000);
        var problems = new ConcurrentQueue<string>();
        await context.RouteAsync("**/*", route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.IsLoopback)
            {
                return route.ContinueAsync();
            }

            if (FrameUrl(route.Request).StartsWith(appOrigin, StringComparison.Ordinal))
            {
                problems.Enqueue($"external request from the app: {route.Request.Url}");
            }

            return route.AbortAsync();
        });

        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (page.Url.StartsWith(appOrigin, StringComparison.Ordinal) && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                problems.Enqueue($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Enqueue($"script error on {page.Url}: {error}");
        try
        {
            await test(page);
            Assert.Empty(problems);
        }
        catch
        {
            await SaveScreenshotAsync(page);
            throw;
        }
    }

    private static string FrameUrl(IRequest request)
    {
        try
        {
            return request.Frame.Url;
        }
        catch (PlaywrightException)
        {
            return "";
        }
    }

    private static async Task SaveScreenshotAsync(IPage page)
    {
        var name = TestContext.Current.Test?.TestDisplayName ?? "browser-test";
        var safe = string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
        var path = Path.Combine(TestPaths.Artifacts, $"{safe[..Math.Min(safe.Length, 150)]}.png");
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            TestContext.Current.TestOutputHelper?.WriteLine($"Screenshot: {path}");
        }
        catch (PlaywrightException exception)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"No screenshot: {exception.Message}");
        }
    }
}
