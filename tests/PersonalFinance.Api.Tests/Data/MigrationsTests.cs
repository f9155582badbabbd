using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Data;
using PersonalFinance.Api.Tests.Infrastructure;

namespace PersonalFinance.Api.Tests.Data;

public sealed class MigrationsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void SqliteModel_HasNoPendingChanges_AgainstItsMigrations()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a SQLite migration: run dotnet ef migrations add for SqliteAppDbContext.");
    }

    [Fact]
    public void PostgresModel_HasNoPendingChanges_AgainstItsMigrations()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a PostgreSQL migration: run dotnet ef migrations add for PostgresAppDbContext.");
    }

    [Fact]
    public async Task Migrations_ApplyToAnEmptyDatabase_ForTheLanesProvider()
    {
        await using var database = await TestDatabase.CreateAsync(Ct);
        await using var db = database.CreateContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync(Ct));
        Assert.Equal(0, await db.Users.CountAsync(Ct));
        Assert.Equal(TestDatabase.Lane, db.Provider);
    }
}
