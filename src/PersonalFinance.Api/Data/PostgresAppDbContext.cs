using Microsoft.EntityFrameworkCore;

namespace PersonalFinance.Api.Data;

internal sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
