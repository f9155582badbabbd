using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Auth;
using PersonalFinance.Api.Cli;
using PersonalFinance.Api.Tests.Infrastructure;

namespace PersonalFinance.Api.Tests.Cli;

public sealed class CliVerbsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migrate_AppliesEveryMigrationAndReportsProgress_WhenDatabaseIsEmpty()
    {
        await using var database = await TestDatabase.CreateEmptyAsync(Ct);
        using var output = new StringWriter();

        var exitCode = await RunAsync(database, output, "migrate");

        Assert.Equal(0, exitCode);
        await using var db = database.CreateContext();
        var applied = (await db.Database.GetAppliedMigrationsAsync(Ct)).ToList();
        Assert.NotEmpty(applied);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        var text = output.ToString();
        Assert.All(applied, m => Assert.Contains($"Applying {m}", text, StringComparison.Ordinal));
        Assert.EndsWith("The database schema is up to date." + Environment.NewLine, text, StringComparison.Ordinal);

        using var again = new StringWriter();
        Assert.Equal(0, await RunAsync(database, again, "migrate"));
        Assert.Contains("Pending migrations: none.", again.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "S1")]
    public async Task CreateUser_CreatesTheUser_WhenFlagsAreGiven()
    {
        await using var database = await TestDatabase.CreateAsync(Ct);
        using var output = new StringWriter();

        var exitCode = await RunAsync(database, output, "create-user", "--username", " Olivia ", "--password=a fine long passphrase", "--first-name", "Olivia", "--last-name", "Example");

        Assert.Equal(0, exitCode);
        await using var db = database.CreateContext();
        var user = await db.Users.SingleAsync(Ct);
        Assert.Equal("olivia", user.Username);
        Assert.Equal(("Olivia", "Example"), (user.FirstName, user.LastName));
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<User>().VerifyHashedPassword(user, user.PasswordHash, "a fine long passphrase") switch
        {
            PasswordVerificationResult.SuccessRehashNeeded => PasswordVerificationResult.Success,
            var other => other,
        });
        Assert.Contains($"Created user 'olivia' ({user.Id}).", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Requirement", "S6")]
    [InlineData("password1")]
    [InlineData("short")]
    public async Task CreateUser_RefusesAndCreatesNothing_WhenPasswordBreaksThePolicy(string password)
    {
        await using var database = await TestDatabase.CreateAsync(Ct);
        using var output = new StringWriter();

        var exitCode = await RunAsync(database, output, "create-user", "--username", "olivia", "--password", password, "--first-name", "Olivia", "--last-name", "Example");

        Assert.Equal(2, exitCode);
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.Users.CountAsync(Ct));
    }

    [Fact]
    public async Task CreateUser_RefusesAndKeepsTheExistingUser_WhenUsernameIsTaken()
    {
        await using var database = await TestDatabase.CreateAsync(Ct);
        using var output = new StringWriter();
        Assert.Equal(0, await RunAsync(database, output, "create-user", "--username", "olivia", "--password", "a fine long passphrase", "--first-name", "Olivia", "--last-name", "Example"));

        var exitCode = await RunAsync(database, output, "create-user", "--username", "OLIVIA", "--password", "another long passphrase", "--first-name", "Other", "--last-name", "Person");

        Assert.Equal(3, exitCode);
        await using var db = database.CreateContext();
        var user = await db.Users.SingleAsync(Ct);
        Assert.Equal("Olivia", user.FirstName);
    }

    [Fact]
    public async Task SeedDevUser_CreatesOneDevUser_WhenRunTwice()
    {
        await using var database = await TestDatabase.CreateAsync(Ct);
        using var first = new StringWriter();
        using var second = new StringWriter();

        Assert.Equal(0, await RunAsync(database, first, "seed-dev-user"));
        Assert.Equal(0, await RunAsync(database, second, "seed-dev-user"));

        await using var db = database.CreateContext();
        var user = await db.Users.SingleAsync(Ct);
        Assert.Equal("dev", user.Username);
        Assert.NotEqual(PasswordVerificationResult.Failed, new PasswordHasher<User>().VerifyHashedPassword(user, user.PasswordHash, "devpassword123"));
        Assert.Contains("Created user 'dev'", first.ToString(), StringComparison.Ordinal);
        Assert.Contains("User 'dev' already exists.", second.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeedDevUser_CreatesAUserWhoCanLogIn_WhenRunAgainstTheAppsDatabase()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        using var output = new StringWriter();

        Assert.Equal(0, await RunAsync(api.Database, output, "seed-dev-user"));
        Assert.Equal(0, await RunAsync(api.Database, output, "seed-dev-user"));

        using var client = api.CreateRawClient();
        using var login = await client.LoginAsync("dev", "devpassword123", Ct);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        await using var db = api.CreateDbContext();
        Assert.Equal(1, await db.Users.CountAsync(Ct));
    }

    [Fact]
    [Trait("Requirement", "S12")]
    public async Task SetPassword_RevokesEveryRefreshToken_WhenRunFromTheCommandLine()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        using var client = api.CreateRawClient();
        var (_, refreshToken) = await client.SignInAsync(user, Ct);
        using var output = new StringWriter();

        var exitCode = await RunAsync(api.Database, output, "set-password", "--username", user.Username, "--password", "a brand new passphrase");

        Assert.Equal(0, exitCode);
        using var refresh = await client.RefreshAsync(refreshToken, Ct);
        await ProblemAssert.IsProblemAsync(refresh, HttpStatusCode.Unauthorized, "Token has been revoked");
        using var login = await client.LoginAsync(user.Username, "a brand new passphrase", Ct);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("all of their sessions were ended", output.ToString(), StringComparison.Ordinal);
    }

    /// Database settings go in as --Key=Value arguments: the builder reads them while registering services,
    /// before RunAsync's configure callback runs.
    private static Task<int> RunAsync(TestDatabase database, TextWriter output, string verb, params string[] args) =>
        CliVerbs.RunAsync(
            verb,
            [.. args, .. database.Settings.Select(s => $"--{s.Key}={s.Value}")],
            configure: builder => builder.Logging.ClearProviders(),
            output: output);
}
