using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Accounts;
using PersonalFinance.Api.Auth;
using PersonalFinance.Api.Connections;
using PersonalFinance.Api.Data;
using PersonalFinance.Api.Institutions;

namespace PersonalFinance.Bench.Host;

/// What the driver needs to know about the seeded data: who to sign in as, and with what.
internal sealed record BenchSeed(Guid AccountsUserId, string LoginUsername, string LoginPassword, Guid CallbackUserId, IReadOnlyList<SoakUser> SoakUsers);

internal sealed record SoakUser(Guid Id, string Username, string Password);

/// Seeds the bench database through the app's own services (real password hashes): a user with 20 accounts with
/// balances (P1, P2), a user who signs in (P8), a user whose connections take callbacks (P10) and the soak users.
internal static class BenchSeeder
{
    public const string Password = "bench correct horse battery";
    public const int AccountsPerUser = 20;

    public static async Task<BenchSeed> SeedAsync(IServiceProvider services, IConfiguration configuration, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserAccounts>();
        var now = DateTime.UtcNow;
        var suffix = Guid.NewGuid().ToString("N")[..8];

        var accountsUser = await CreateAsync(users, $"bench-accounts-{suffix}", cancellationToken);
        var loginUser = await CreateAsync(users, $"bench-login-{suffix}", cancellationToken);
        var callbackUser = await CreateAsync(users, $"bench-callback-{suffix}", cancellationToken);
        var soakCount = configuration.GetValue("Bench:SoakUsers", 0);
        var soakUsers = new List<SoakUser>();
        for (var i = 0; i < soakCount; i++)
        {
            var user = await CreateAsync(users, $"bench-soak{i}-{suffix}", cancellationToken);
            soakUsers.Add(new SoakUser(user.Id, user.Username, Password));
        }

        const string InstitutionId = "BENCH_BANK_0000";
        if (!await db.Institutions.AnyAsync(i => i.Id == InstitutionId, cancellationToken))
        {
            db.Institutions.Add(new Institution
            {
                Id = InstitutionId,
                Provider = "gocardless",
                Name = "Bench Bank",
                Countries = ["GB"],
                TransactionTotalDays = 730,
                MaxAccessValidForDays = 90,
                CreatedAt = now,
                UpdatedAt = now,
            });
        }

        // Two connections of ten accounts each: the list joins and orders across connections like a real user's.
        for (var c = 0; c < 2; c++)
        {
            var connection = new Connection
            {
                Id = Guid.NewGuid(),
                UserId = accountsUser.Id,
                Provider = "gocardless",
                ProviderId = $"bench-{suffix}-{c}",
                InstitutionId = InstitutionId,
                FriendlyName = $"Bench connection {c}",
                Status = ConnectionStatus.Active,
                CreatedAt = now.AddMinutes(-c),
                UpdatedAt = now,
                LastSyncedAt = now,
            };
            db.Connections.Add(connection);
            for (var a = 0; a < AccountsPerUser / 2; a++)
            {
                db.Accounts.Add(new Account
                {
                    Id = Guid.NewGuid(),
                    ConnectionId = connection.Id,
                    ProviderId = $"bench-{suffix}-{c}-{a}",
                    DisplayName = a % 3 == 0 ? $"Account {c}-{a}" : null,
                    Name = $"Current account {c}-{a}",
                    Iban = $"GB{10 + a:00}BENC{c:0000}{a:00000000000000}"[..22],
                    Currency = "EUR",
                    Status = AccountStatus.Active,
                    BalanceAmount = 1234.56m + (a * 101.25m) - (c * 7.5m),
                    BalanceCurrency = "EUR",
                    BalanceType = "interimAvailable",
                    BalanceUpdatedAt = now,
                    LastSyncedAt = now,
                    CreatedAt = now,
                    UpdatedAt = now,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return new BenchSeed(accountsUser.Id, loginUser.Username, Password, callbackUser.Id, soakUsers);
    }

    private static async Task<User> CreateAsync(UserAccounts users, string username, CancellationToken cancellationToken) =>
        await users.CreateAsync(username, Password, "Bench", "User", cancellationToken)
        ?? throw new InvalidOperationException($"User {username} exists.");
}
