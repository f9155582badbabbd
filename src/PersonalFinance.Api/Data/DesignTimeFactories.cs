using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PersonalFinance.Api.Data;

/// Used by `dotnet ef` only: each provider context gets its own migration set without a running host.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteAppDbContext>();
        DataServiceCollectionExtensions.ConfigureSqlite(builder, "Data Source=design-time.db");
        return new SqliteAppDbContext(builder.Options);
    }
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgresAppDbContext>();
        DataServiceCollectionExtensions.ConfigurePostgres(builder, "Host=localhost;Database=design_time");
        return new PostgresAppDbContext(builder.Options);
    }
}
