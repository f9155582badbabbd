using Microsoft.EntityFrameworkCore;

namespace PersonalFinance.Api.Data;

internal sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}
