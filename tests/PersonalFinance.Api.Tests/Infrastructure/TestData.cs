using PersonalFinance.Api.Accounts;
using PersonalFinance.Api.Connections;
using PersonalFinance.Api.Institutions;
using PersonalFinance.Api.Transactions;

namespace PersonalFinance.Api.Tests.Infrastructure;

/// Rows written straight to the database, for tests of read endpoints that do not depend on the sync.
internal static class TestData
{
    public static async Task<Connection> AddConnectionAsync(TestApi api, TestUser user, string friendlyName = "My Bank", ConnectionStatus status = ConnectionStatus.Active, DateTime? createdAt = null)
    {
        await using var db = api.CreateDbContext();
        if (await db.Institutions.FindAsync(["TESTBANK_TEST0000"], TestContext.Current.CancellationToken) is null)
        {
            db.Institutions.Add(new Institution
            {
                Id = "TESTBANK_TEST0000",
                Provider = "gocardless",
                Name = "Test Bank",
                Countries = ["GB"],
                TransactionTotalDays = 90,
                MaxAccessValidForDays = 90,
                CreatedAt = api.Clock.GetUtcNow().UtcDateTime,
                UpdatedAt = api.Clock.GetUtcNow().UtcDateTime,
            });
        }

        var now = createdAt ?? api.Clock.GetUtcNow().UtcDateTime;
        var connection = new Connection
        {
            Id = Guid.NewGuid(),
            UserId = user.Id,
            Provider = "gocardless",
            ProviderId = Guid.NewGuid().ToString(),
            InstitutionId = "TESTBANK_TEST0000",
            FriendlyName = friendlyName,
            Status = status,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Connections.Add(connection);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    public static async Task<Account> AddAccountAsync(TestApi api, Connection connection, string name = "Current", decimal? balance = 100m, string currency = "GBP")
    {
        await using var db = api.CreateDbContext();
        var now = api.Clock.GetUtcNow().UtcDateTime;
        var account = new Account
        {
            Id = Guid.NewGuid(),
            ConnectionId = connection.Id,
            ProviderId = Guid.NewGuid().ToString(),
            Name = name,
            Iban = "GB33BUKB20201555555555",
            Currency = currency,
            Status = AccountStatus.Active,
            BalanceAmount = balance,
            BalanceCurrency = balance is null ? null : currency,
            BalanceType = balance is null ? null : "interimAvailable",
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Accounts.Add(account);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return account;
    }

    public static async Task<IReadOnlyList<Transaction>> AddTransactionsAsync(TestApi api, Account account, params (string Date, decimal Amount, string Description, TransactionStatus Status)[] rows)
    {
        await using var db = api.CreateDbContext();
        var now = api.Clock.GetUtcNow().UtcDateTime;
        var transactions = rows.Select(r => new Transaction
        {
            Id = Guid.NewGuid(),
            AccountId = account.Id,
            ProviderKey = $"test:{Guid.NewGuid():N}",
            Status = r.Status,
            BookingDate = DateOnly.Parse(r.Date, System.Globalization.CultureInfo.InvariantCulture),
            ValueDate = DateOnly.Parse(r.Date, System.Globalization.CultureInfo.InvariantCulture),
            Amount = r.Amount,
            Currency = account.Currency ?? "GBP",
            Description = r.Description,
            CounterpartyName = r.Description.Split(' ')[0],
            CreatedAt = now,
            UpdatedAt = now,
        }).ToList();
        db.Transactions.AddRange(transactions);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return transactions;
    }
}
