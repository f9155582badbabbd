using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PersonalFinance.Api.Connections;
using PersonalFinance.Api.Data;

namespace PersonalFinance.Api.Tests.Infrastructure;

/// Makes the database refuse the next save that inserts a connection, as a full disk or a lost server would.
internal sealed class FailingSaves : SaveChangesInterceptor
{
    public static bool FailNextConnectionInsert { get; set; }

    public static void Register(IServiceCollection services)
    {
        services.ConfigureDbContext<SqliteAppDbContext>(o => o.AddInterceptors(new FailingSaves()));
        services.ConfigureDbContext<PostgresAppDbContext>(o => o.AddInterceptors(new FailingSaves()));
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (FailNextConnectionInsert && eventData.Context!.ChangeTracker.Entries<Connection>().Any(e => e.State == EntityState.Added))
        {
            FailNextConnectionInsert = false;
            throw new DbUpdateException("Simulated database failure while storing a connection.");
        }

        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }
}
