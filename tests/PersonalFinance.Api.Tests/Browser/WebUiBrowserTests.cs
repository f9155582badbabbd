using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PersonalFinance.Api.Connections;
using PersonalFinance.Api.Jobs;
using PersonalFinance.Api.Tests.Infrastructure;
using PersonalFinance.Api.Transactions;
using static Microsoft.Playwright.Assertions;

namespace PersonalFinance.Api.Tests.Browser;

/// The built-in web UI in headless Chromium, against the real app and the GoCardless sandbox's consent pages.
[Trait("Category", "Browser")]
public sealed class WebUiBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Password = "devpassword123";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_ShowsProblemDetail_WhenPasswordIsWrong_ThenOpensAccounts()
    {
        await using var api = await StartApiAsync();
        await api.CreateUserAsync("dev", Password, Ct);

        await browser.RunAsync(api, async page =>
        {
            await page.GotoAsync("/accounts");
            await Expect(page).ToHaveURLAsync(UrlPath("/login"));
            await page.GetByLabel("Username").FillAsync("dev");
            await page.GetByLabel("Password").FillAsync("wrong password");
            await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Invalid credentials");

            await page.GetByLabel("Password").FillAsync(Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Accounts", Level = 1 })).ToBeVisibleAsync();
            await Expect(page).ToHaveURLAsync(UrlPath("/accounts"));
            await Expect(page.GetByText("No banks connected yet")).ToBeVisibleAsync();
            await Expect(page.Locator("#session-user")).ToHaveTextAsync("Test User");
        });
    }

    [Fact]
    public async Task Session_SurvivesReloadThroughRefreshCookie_AndLogoutEndsIt()
    {
        await using var api = await StartApiAsync();
        var user = await api.CreateUserAsync("dev", Password, Ct);

        await browser.RunAsync(api, async page =>
        {
            await LoginAsync(page, user);
            await page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Transactions" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Transactions", Level = 1 })).ToBeVisibleAsync();

            // The access token lives in memory only: a reload resumes the session from the HttpOnly refresh cookie.
            await page.ReloadAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Transactions", Level = 1 })).ToBeVisibleAsync();
            await Expect(page).ToHaveURLAsync(UrlPath("/transactions"));
            Assert.Empty(await page.EvaluateAsync<string[]>("() => Object.keys(localStorage).concat(Object.keys(sessionStorage))"));
            Assert.Equal("", await page.EvaluateAsync<string>("() => document.cookie"));

            await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(UrlPath("/login"));
            await Expect(page.GetByText("You have logged out.")).ToBeVisibleAsync();
            await page.GotoAsync("/accounts");
            await Expect(page).ToHaveURLAsync(UrlPath("/login"));
        });

        await using var db = api.CreateDbContext();
        Assert.All(await db.RefreshTokens.Where(t => t.UserId == user.Id).ToListAsync(Ct), t => Assert.NotNull(t.RevokedAt));
    }

    [Fact]
    public async Task AccessToken_IsRefreshedBeforeExpiryAndOnA401_AndAFailedRefreshReturnsToLogin()
    {
        await using var api = await StartApiAsync(sandbox: false);
        var user = await api.CreateUserAsync("dev", Password, Ct);

        await browser.RunAsync(api, async page =>
        {
            await page.Clock.InstallAsync();
            await LoginAsync(page, user);

            // Silent refresh a minute before the 15-minute token expires.
            var early = await page.RunAndWaitForRequestFinishedAsync(() => page.Clock.FastForwardAsync("14:30"), new() { Predicate = r => r.Url.EndsWith("/auth/refresh", StringComparison.Ordinal) });
            Assert.Equal(200, (await early.ResponseAsync())!.Status);

            // A 401 from the API: refresh once, retry, and the page loads.
            await page.RouteAsync("**/api/accounts", route => route.FulfillAsync(new() { Status = 401, ContentType = "application/problem+json", Body = """{"status":401,"detail":"Invalid or expired token"}""" }), new() { Times = 1 });
            var onUnauthorized = await page.RunAndWaitForRequestFinishedAsync(
                () => page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Transactions" }).ClickAsync(),
                new() { Predicate = r => r.Url.EndsWith("/auth/refresh", StringComparison.Ordinal) });
            Assert.Equal(200, (await onUnauthorized.ResponseAsync())!.Status);
            await Expect(page.GetByText("No transactions yet.")).ToBeVisibleAsync();

            // When the refresh fails too, the session ends: back to login, then back where the user was.
            await page.RouteAsync("**/api/connections", route => route.FulfillAsync(new() { Status = 401, ContentType = "application/problem+json", Body = """{"status":401,"detail":"Invalid or expired token"}""" }), new() { Times = 1 });
            await page.RouteAsync("**/auth/refresh", route => route.FulfillAsync(new() { Status = 401, ContentType = "application/problem+json", Body = """{"status":401,"detail":"Token has been revoked"}""" }), new() { Times = 1 });
            await page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Accounts" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(UrlPath("/login"));
            await Expect(page.GetByText("Your session has ended. Please log in again.")).ToBeVisibleAsync();
            await page.GetByLabel("Username").FillAsync(user.Username);
            await page.GetByLabel("Password").FillAsync(user.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(UrlPath("/accounts"));
            await Expect(page.GetByText("No banks connected yet")).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task ConnectBank_ShowsActiveConnectionWithAccounts_WhenConsentIsGrantedAtTheSandbox()
    {
        await using var api = await StartApiAsync();
        var user = await api.CreateUserAsync("dev", Password, Ct);

        await browser.RunAsync(api, async page =>
        {
            await LoginAsync(page, user);
            await StartConnectionAsync(page, "My Sandbox");
            await ConsentAtSandboxAsync(page, psu: "alice");

            await Expect(page).ToHaveURLAsync(UrlPath("/accounts"));
            await Expect(page.Locator("#callback-message")).ToContainTextAsync("Your bank is connected");
            var card = ConnectionCard(page, "My Sandbox");
            await Expect(card.Locator(".badge").First).ToHaveTextAsync("Active");
            await Expect(card.Locator(".institution-name")).ToHaveTextAsync("Sandbox Finance");
            await Expect(card.Locator(".logo")).ToHaveTextAsync("SF");
            await Expect(card.Locator(".expiry")).ToContainTextAsync(new Regex(@"^Consent ends in \d+ days$"));
            await Expect(card.Locator("li.account")).ToHaveCountAsync(2);
            foreach (var iban in await card.Locator(".iban").AllTextContentsAsync())
            {
                Assert.Matches(@"^GL\d{2} •••• \d{4}$", iban);
            }
        });

        await using var db = api.CreateDbContext();
        var connection = await db.Connections.SingleAsync(Ct);
        Assert.Equal(ConnectionStatus.Active, connection.Status);
        Assert.Equal("My Sandbox", connection.FriendlyName);
        Assert.Equal(2, await db.Accounts.CountAsync(a => a.ConnectionId == connection.Id, Ct));
    }

    [Fact]
    public async Task SyncNow_ShowsTheJobStateThenBalances_AndTransactionsFollow()
    {
        await using var api = await StartApiAsync(jobs: true);
        var user = await api.CreateUserAsync("dev", Password, Ct);
        var connectionId = await LinkThroughApiAsync(api, user, "Everyday", psu: "carol");
        // The callback queued the first sync; let it finish so that "Sync now" starts a new one.
        await WaitForNoActiveSyncAsync(api, connectionId);

        await browser.RunAsync(api, async page =>
        {
            await LoginAsync(page, user);
            var card = ConnectionCard(page, "Everyday");
            await Expect(card.Locator(".balance")).ToHaveCountAsync(2);
            await Expect(card.Locator(".balance").First).ToHaveTextAsync(new Regex(@"^-?[€£$]\d{1,3}(,\d{3})*\.\d{2}$"));
            await Expect(card.Locator(".last-synced")).ToHaveTextAsync(new Regex("^Last synced "));

            var syncNow = card.GetByRole(AriaRole.Button, new() { Name = "Sync now" });
            var accepted = await page.RunAndWaitForResponseAsync(() => syncNow.ClickAsync(), r => r.Url.EndsWith("/sync", StringComparison.Ordinal));
            Assert.Equal(202, accepted.Status);
            var jobId = (await accepted.JsonAsync())!.Value.GetProperty("id").GetString();
            await Expect(card.Locator(".sync-state")).ToHaveTextAsync("Sync completed");
            await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Sync now" })).ToBeEnabledAsync();
            await using (var db = api.CreateDbContext())
            {
                Assert.Equal(JobStatus.Completed, (await db.Jobs.SingleAsync(j => j.Id == Guid.Parse(jobId!), Ct)).Status);
            }

            await page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Transactions" }).ClickAsync();
            await Expect(page.Locator("#transactions-table tbody tr").First).ToBeVisibleAsync();
            await Expect(page.Locator("#transactions-summary")).ToHaveTextAsync(new Regex(@"^1–\d+ of \d+ · page 1 of \d+$"));
        });

        await using var after = api.CreateDbContext();
        Assert.True(await after.Transactions.AnyAsync(Ct));
    }

    [Fact]
    public async Task SyncNow_ShowsTheProblemDetail_WhenTheApiAnswers429Or409()
    {
        await using var api = await StartApiAsync(sandbox: false);
        var user = await api.CreateUserAsync("dev", Password, Ct);
        var connection = await TestData.AddConnectionAsync(api, user, "My Bank");
        await TestData.AddAccountAsync(api, connection);
        const string LimitDetail = "The bank's daily limit for this connection's accounts is used up. Try again after 2026-12-05 09:00 UTC.";
        var runningJob = new { id = Guid.NewGuid(), job_type = "sync", status = "running", entity_type = "connection", entity_id = connection.Id, error_message = (string?)null, created_at = "2026-12-04T08:00:00Z", started_at = "2026-12-04T08:00:01Z", completed_at = (string?)null };
        var failedJob = runningJob with { status = "failed", error_message = "Bank's daily limit reached; next sync after 14:05 UTC", completed_at = "2026-12-04T08:00:05Z" };

        await browser.RunAsync(api, async page =>
        {
            await LoginAsync(page, user);
            var card = ConnectionCard(page, "My Bank");
            var syncNow = card.GetByRole(AriaRole.Button, new() { Name = "Sync now" });

            await page.RouteAsync("**/api/connections/*/sync", route => route.FulfillAsync(new()
            {
                Status = 429,
                ContentType = "application/problem+json",
                Headers = new Dictionary<string, string> { ["Retry-After"] = "3600" },
                Body = JsonSerializer.Serialize(new { status = 429, title = "Too Many Requests", detail = LimitDetail }),
            }), new() { Times = 1 });
            await syncNow.ClickAsync();
            await Expect(card.Locator(".message")).ToHaveTextAsync(LimitDetail);

            // 409 with the sync already running: the page follows that job to its end.
            await page.RouteAsync("**/api/connections/*/sync", route => route.FulfillAsync(new()
            {
                Status = 409,
                ContentType = "application/problem+json",
                Body = JsonSerializer.Serialize(new { status = 409, title = "Conflict", detail = "A sync of this connection is already queued or running.", job = runningJob }),
            }), new() { Times = 1 });
            await page.RouteAsync($"**/api/jobs/{runningJob.id}", route => route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = JsonSerializer.Serialize(failedJob) }));
            await syncNow.ClickAsync();
            await Expect(card.Locator(".message")).ToHaveTextAsync("A sync of this connection is already queued or running.");
            await Expect(card.Locator(".sync-state")).ToHaveTextAsync("Syncing…");
            await Expect(card.Locator(".sync-state")).ToHaveTextAsync("Last sync failed: Bank's daily limit reached; next sync after 14:05 UTC");
        });
    }

    [Fact]
    public async Task ConnectBank_ShowsCancelledMessage_WhenTheUserCancelsAtTheSandbox()
    {
        await using var api = await StartApiAsync();
        var user = await api.CreateUserAsync("dev", Password, Ct);

        await browser.RunAsync(api, async page =>
        {
            await LoginAsync(page, user);
            await StartConnectionAsync(page, "Cancelled bank");
            await page.Locator("#cancel").ClickAsync();

            await Expect(page).ToHaveURLAsync(UrlPath("/accounts"));
            await Expect(page.Locator("#callback-message [role=alert]")).ToContainTextAsync("You cancelled the connection at your bank");
            await Expect(ConnectionCard(page, "Cancelled bank").Locator("li.account")).ToHaveCountAsync(0);
        });

        await using var db = api.CreateDbContext();
        Assert.NotEqual(ConnectionStatus.Active, (await db.Connections.SingleAsync(Ct)).Status);
    }

    [Fact]
    public async Task Callback_ShowsAMessageForEveryReason_AndClearsTheQuery()
    {
        await using var api = await StartApiAsync(sandbox: false);
        var user = await api.CreateUserAsync("dev", Password, Ct);
        var expected = new Dictionary<string, string>
        {
            ["user_cancelled"] = "You cancelled the connection at your bank",
            ["rejected"] = "Your bank did not grant access",
            ["expired"] = "The link to your bank expired",
            ["incomplete"] = "Your bank has not finished linking yet",
            ["provider_error"] = "The bank data provider had a problem",
            ["internal_error"] = "Something went wrong on our side",
            ["something_new"] = "The bank connection could not be completed",
        };

        await browser.RunAsync(api, async page =>
        {
            await LoginAsync(page, user);
            foreach (var (reason, text) in expected)
            {
                await page.GotoAsync($"/accounts?callback=error&reason={reason}");
                await Expect(page.Locator("#callback-message")).ToContainTextAsync(text);
                await Expect(page).ToHaveURLAsync(UrlPath("/accounts"));
            }

            await page.GotoAsync("/accounts?callback=success");
            await Expect(page.Locator("#callback-message [role=status]")).ToContainTextAsync("Your bank is connected");
            await Expect(page).ToHaveURLAsync(UrlPath("/accounts"));
        });
    }

    [Fact]
    public async Task Reauthorise_BringsBackTheSameAccounts_WhenTheConsentExpired()
    {
        await using var api = await StartApiAsync();
        var user = await api.CreateUserAsync("dev", Password, Ct);
        var connectionId = await LinkThroughApiAsync(api, user, "Holiday account", psu: "alice");
        List<Guid> accountIds;
        await using (var db = api.CreateDbContext())
        {
            var connection = await db.Connections.SingleAsync(c => c.Id == connectionId, Ct);
            connection.Status = ConnectionStatus.Expired;
            connection.ExpiresAt = api.Clock.GetUtcNow().UtcDateTime.AddDays(-1);
            await db.SaveChangesAsync(Ct);
            accountIds = await db.Accounts.Where(a => a.ConnectionId == connectionId).Select(a => a.Id).OrderBy(id => id).ToListAsync(Ct);
        }

        Assert.Equal(2, accountIds.Count);
        await browser.RunAsync(api, async page =>
        {
            await LoginAsync(page, user);
            var card = ConnectionCard(page, "Holiday account");
            await Expect(card.Locator(".badge").First).ToHaveTextAsync("Expired");
            await Expect(card.Locator(".expiry")).ToContainTextAsync("Consent ended on");
            await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Sync now" })).ToHaveCountAsync(0);

            await card.GetByRole(AriaRole.Button, new() { Name = "Reauthorise" }).ClickAsync();
            await ConsentAtSandboxAsync(page, psu: "alice");

            await Expect(page.Locator("#callback-message")).ToContainTextAsync("Your bank is connected");
            await Expect(card.Locator(".badge").First).ToHaveTextAsync("Active");
            await Expect(card.Locator("li.account")).ToHaveCountAsync(2);
            var shown = new List<Guid>();
            foreach (var account in await card.Locator("li.account").AllAsync())
            {
                shown.Add(Guid.Parse((await account.GetAttributeAsync("data-account-id"))!));
            }

            Assert.Equal(accountIds, shown.Order().ToList());
        });

        await using var after = api.CreateDbContext();
        Assert.Equal(ConnectionStatus.Active, (await after.Connections.SingleAsync(Ct)).Status);
        Assert.Equal(accountIds, await after.Accounts.Select(a => a.Id).OrderBy(id => id).ToListAsync(Ct));
    }

    [Fact]
    public async Task Rename_ChangesConnectionAndAccountNames_ThroughDialogs()
    {
        await using var api = await StartApiAsync(sandbox: false);
        var user = await api.CreateUserAsync("dev", Password, Ct);
        var connection = await TestData.AddConnectionAsync(api, user, "My Bank");
        var account = await TestData.AddAccountAsync(api, connection, "Current", 1234.5m, "GBP");

        await browser.RunAsync(api, async page =>
        {
            await LoginAsync(page, user);
            var card = ConnectionCard(page, "My Bank");
            await Expect(card.Locator(".balance")).ToHaveTextAsync("£1,234.50");
            await Expect(card.Locator(".iban")).ToHaveTextAsync("GB33 •••• 5555");

            var renameConnection = card.GetByRole(AriaRole.Button, new() { Name = "Rename connection My Bank" });
            await renameConnection.ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Rename connection" });
            await Expect(dialog.GetByLabel("Connection name")).ToBeFocusedAsync();
            await dialog.GetByLabel("Connection name").FillAsync("   ");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(dialog.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Connection name cannot be empty.");
            await dialog.GetByLabel("Connection name").FillAsync("Everyday banking");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(dialog).ToHaveCountAsync(0);
            await Expect(ConnectionCard(page, "Everyday banking")).ToBeVisibleAsync();
            await Expect(page.Locator(".page-status")).ToContainTextAsync("Connection renamed to “Everyday banking”.");

            var accountRow = page.Locator($"li.account[data-account-id='{account.Id}']");
            await accountRow.GetByRole(AriaRole.Button, new() { Name = "Rename account Current" }).ClickAsync();
            dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Rename account" });
            await dialog.GetByLabel("Display name").FillAsync("Bills");
            await dialog.GetByLabel("Display name").PressAsync("Enter");
            await Expect(accountRow.Locator(".account-name")).ToHaveTextAsync("Bills");
            await Expect(accountRow.Locator(".bank-name")).ToHaveTextAsync("Current");
            // Focus returns to the control that opened the dialog.
            await Expect(accountRow.GetByRole(AriaRole.Button, new() { Name = "Rename account Bills" })).ToBeFocusedAsync();
        });

        await using var db = api.CreateDbContext();
        Assert.Equal("Everyday banking", (await db.Connections.SingleAsync(Ct)).FriendlyName);
        Assert.Equal("Bills", (await db.Accounts.SingleAsync(Ct)).DisplayName);
    }

    [Fact]
    public async Task Delete_RemovesTheConnection_OnlyAfterConfirmation()
    {
        await using var api = await StartApiAsync();
        var user = await api.CreateUserAsync("dev", Password, Ct);
        await LinkThroughApiAsync(api, user, "Old bank", psu: "bob");

        await browser.RunAsync(api, async page =>
        {
            await LoginAsync(page, user);
            var card = ConnectionCard(page, "Old bank");
            var delete = card.GetByRole(AriaRole.Button, new() { Name = "Delete connection Old bank" });
            await delete.ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Delete connection?" });
            await Expect(dialog).ToContainTextAsync("“Old bank” and its 2 accounts and transactions will be removed");
            await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Escape");
            await Expect(dialog).ToHaveCountAsync(0);
            await Expect(delete).ToBeFocusedAsync();
            await Expect(card).ToBeVisibleAsync();

            await delete.ClickAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete connection" }).ClickAsync();
            await Expect(page.Locator(".page-status")).ToContainTextAsync("“Old bank” was deleted.");
            await Expect(page.Locator("article.connection")).ToHaveCountAsync(0);
            await Expect(page.GetByText("No banks connected yet")).ToBeVisibleAsync();
        });

        await using var db = api.CreateDbContext();
        Assert.False(await db.Connections.AnyAsync(Ct));
        var requisitions = await api.Sandbox.RequisitionsAsync();
        Assert.DoesNotContain(requisitions, r => r.GetProperty("status").GetString() == "LN");
    }

    [Fact]
    public async Task Transactions_FiltersNarrowTheTable_AndPendingRowsAreMarked()
    {
        await using var api = await StartApiAsync(sandbox: false);
        var user = await api.CreateUserAsync("dev", Password, Ct);
        var connection = await TestData.AddConnectionAsync(api, user, "My Bank");
        var current = await TestData.AddAccountAsync(api, connection, "Current", 500m, "GBP");
        var savings = await TestData.AddAccountAsync(api, connection, "Savings", 9000m, "GBP");
        await TestData.AddTransactionsAsync(api, current,
            ("2026-10-01", -3.20m, "Coffee House", TransactionStatus.Booked),
            ("2026-10-05", -45.00m, "Grocer weekly shop", TransactionStatus.Booked),
            ("2026-10-20", 2500.00m, "Employer salary", TransactionStatus.Booked),
            ("2026-11-01", -4.10m, "Coffee House", TransactionStatus.Pending));
        await TestData.AddTransactionsAsync(api, savings,
            ("2026-10-15", 100.00m, "Transfer from current", TransactionStatus.Booked));

        await browser.RunAsync(api, async page =>
        {
            await LoginAsync(page, user);
            await page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Transactions" }).ClickAsync();
            var rows = page.Locator("#transactions-table tbody tr");
            await Expect(rows).ToHaveCountAsync(5);
            await Expect(page.Locator("#transactions-summary")).ToHaveTextAsync("1–5 of 5 · page 1 of 1");
            // Pending first, marked.
            await Expect(rows.First).ToHaveClassAsync(new Regex("row-pending"));
            await Expect(rows.First.Locator(".badge")).ToHaveTextAsync("Pending");
            await Expect(rows.First.Locator(".amount")).ToHaveTextAsync("-£4.10");
            await Expect(page.Locator("#transactions-table .row-pending")).ToHaveCountAsync(1);

            await page.GetByLabel("Text").FillAsync("coffee");
            await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
            await Expect(rows).ToHaveCountAsync(2);
            await Expect(page).ToHaveURLAsync(new Regex(@"/transactions\?search=coffee$"));

            await page.GetByRole(AriaRole.Button, new() { Name = "Clear" }).ClickAsync();
            await Expect(rows).ToHaveCountAsync(5);
            await page.GetByLabel("Account").SelectOptionAsync(new SelectOptionValue { Label = "Savings (GB33 •••• 5555)" });
            await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
            await Expect(rows).ToHaveCountAsync(1);
            await Expect(rows.First.Locator(".tx-secondary")).ToHaveTextAsync("Transfer from current");

            await page.GetByLabel("Account").SelectOptionAsync("");
            await page.GetByLabel("Min amount").FillAsync("-50");
            await page.GetByLabel("Max amount").FillAsync("-4");
            await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
            await Expect(rows).ToHaveCountAsync(2);
            await Expect(rows.Locator(".amount")).ToHaveTextAsync(["-£4.10", "-£45.00"]);

            await page.GetByLabel("Min amount").FillAsync("");
            await page.GetByLabel("Max amount").FillAsync("");
            await page.GetByLabel("From date").FillAsync("2026-10-02");
            await page.GetByLabel("To date").FillAsync("2026-10-20");
            await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
            await Expect(rows).ToHaveCountAsync(3);
            await Expect(rows.Locator(".date")).ToHaveTextAsync(["20 Oct 2026", "15 Oct 2026", "5 Oct 2026"]);

            await page.GetByLabel("Text").FillAsync("nothing like this");
            await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
            await Expect(page.GetByText("No transactions match these filters.")).ToBeVisibleAsync();

            // An invalid range is caught before the request; the server's own 422 detail shows for what the page cannot check.
            await page.GetByLabel("From date").FillAsync("2026-10-21");
            await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The start date is after the end date.");
        });
    }

    [Fact]
    public async Task Transactions_PagesThroughFiftyAtATime()
    {
        await using var api = await StartApiAsync(sandbox: false);
        var user = await api.CreateUserAsync("dev", Password, Ct);
        var connection = await TestData.AddConnectionAsync(api, user, "My Bank");
        var account = await TestData.AddAccountAsync(api, connection);
        var start = new DateOnly(2026, 6, 1);
        await TestData.AddTransactionsAsync(api, account, [.. Enumerable.Range(0, 62)
            .Select(i => (start.AddDays(i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), -1m - i, $"Purchase {i}", TransactionStatus.Booked))]);

        await browser.RunAsync(api, async page =>
        {
            await LoginAsync(page, user);
            await page.GotoAsync("/transactions");
            var rows = page.Locator("#transactions-table tbody tr");
            await Expect(rows).ToHaveCountAsync(50);
            await Expect(page.Locator("#transactions-summary")).ToHaveTextAsync("1–50 of 62 · page 1 of 2");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "← Previous" })).ToBeDisabledAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "Next →" }).ClickAsync();
            await Expect(rows).ToHaveCountAsync(12);
            await Expect(page.Locator("#transactions-summary")).ToHaveTextAsync("51–62 of 62 · page 2 of 2");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Next →" })).ToBeDisabledAsync();
            await Expect(rows.First.Locator(".tx-secondary")).ToHaveTextAsync("Purchase 11");

            await page.GetByRole(AriaRole.Button, new() { Name = "← Previous" }).ClickAsync();
            await Expect(rows).ToHaveCountAsync(50);
            await Expect(rows.First.Locator(".tx-secondary")).ToHaveTextAsync("Purchase 61");
        });
    }

    [Fact]
    public async Task Pages_FitA375PixelScreen_WithoutHorizontalScrolling()
    {
        await using var api = await StartApiAsync(sandbox: false);
        var user = await api.CreateUserAsync("dev", Password, Ct);
        var connection = await TestData.AddConnectionAsync(api, user, "A connection with a rather long friendly name");
        var account = await TestData.AddAccountAsync(api, connection, "Everyday current account", 123456.78m, "EUR");
        await TestData.AddTransactionsAsync(api, account, ("2026-10-01", -1234.56m, "A long description from a merchant with many words", TransactionStatus.Pending));

        await browser.RunAsync(api, async page =>
        {
            await LoginAsync(page, user);
            await Expect(page.Locator("li.account")).ToHaveCountAsync(1);
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 375"), "The accounts page scrolls sideways at 375 px.");
            await page.GotoAsync("/transactions");
            await Expect(page.Locator("#transactions-table tbody tr")).ToHaveCountAsync(1);
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 375"), "The transactions page scrolls sideways at 375 px.");
        }, width: 375, height: 812);
    }

    /// The browser lives in real time (cookie expiry, "consent ends in …"), so the app's fake clock starts at real now.
    /// With `jobs`, this host also runs the job engine (test hosts queue jobs without running them by default).
    private static async Task<TestApi> StartApiAsync(bool sandbox = true, bool jobs = false)
    {
        var api = await TestApi.StartAsync(o =>
        {
            o.UseSandbox = sandbox;
            if (jobs)
            {
                o.Settings["Jobs:Role"] = "all";
            }
        }, Ct);
        var now = DateTimeOffset.UtcNow;
        if (now > api.Clock.GetUtcNow())
        {
            api.Clock.SetUtcNow(now);
        }

        return api;
    }

    private static async Task LoginAsync(IPage page, TestUser user)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel("Username").FillAsync(user.Username);
        await page.GetByLabel("Password").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Accounts", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".connections")).ToHaveAttributeAsync("aria-busy", "false");
    }

    private static async Task StartConnectionAsync(IPage page, string friendlyName)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect a bank" }).First.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Connect a bank" });
        await Expect(dialog.GetByLabel("Search by bank name")).ToBeFocusedAsync();
        await dialog.GetByLabel("Search by bank name").FillAsync("sandbox");
        await dialog.GetByLabel("Sandbox Finance").CheckAsync();
        await Expect(dialog.GetByLabel("Name for this connection")).ToHaveValueAsync("Sandbox Finance");
        await dialog.GetByLabel("Name for this connection").FillAsync(friendlyName);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Continue to bank" }).ClickAsync();
        // The sandbox's consent page (its own port).
        await Expect(page.Locator("#approve")).ToBeVisibleAsync();
    }

    /// Consent → bank login → grant at the sandbox; ends back on the app's accounts page.
    private static async Task ConsentAtSandboxAsync(IPage page, string psu)
    {
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-status", "GC");
        await page.Locator("#approve").ClickAsync();
        await page.Locator("#psu-id").FillAsync(psu);
        await page.Locator("#psu-code").FillAsync("1234");
        await page.Locator("#approve").ClickAsync();
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-status", "GA");
        await page.Locator("#approve").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Accounts", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".connections")).ToHaveAttributeAsync("aria-busy", "false");
    }

    private static ILocator ConnectionCard(IPage page, string friendlyName) =>
        page.Locator("article.connection").Filter(new() { Has = page.Locator(".connection-name", new() { HasTextRegex = new Regex($"^{Regex.Escape(friendlyName)}$") }) });

    /// Creates and links a connection through the API and the sandbox's control endpoint (no browser).
    private static async Task<Guid> LinkThroughApiAsync(TestApi api, TestUser user, string friendlyName, string psu)
    {
        using var client = api.CreateClient(user);
        using var created = await client.PostAsJsonAsync("/api/connections", new { institution_id = "SANDBOXFINANCE_SFIN0000", friendly_name = friendlyName }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        string requisitionId;
        await using (var db = api.CreateDbContext())
        {
            requisitionId = (await db.Connections.SingleAsync(c => c.Id == id, Ct)).ProviderId;
        }

        using var callback = await client.GetAsync(await api.Sandbox.CompleteAsync(requisitionId, psu: psu), Ct);
        Assert.Equal($"http://127.0.0.1:{api.Port}/accounts?callback=success", callback.Headers.Location?.ToString());
        return id;
    }

    /// Polls the API's own job records (not the page) until no sync of the connection is queued or running.
    private static async Task WaitForNoActiveSyncAsync(TestApi api, Guid connectionId)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            await using (var db = api.CreateDbContext())
            {
                var jobs = await db.Jobs.Where(j => j.EntityId == connectionId).Select(j => j.Status).ToListAsync(deadline.Token);
                if (jobs.Count > 0 && jobs.All(s => s is JobStatus.Completed or JobStatus.Failed))
                {
                    return;
                }
            }

            await Task.Delay(100, deadline.Token);
        }
    }

    private static Regex UrlPath(string path) => new($"^http://127\\.0\\.0\\.1:\\d+{Regex.Escape(path)}$");
}
