using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PersonalFinance.Api.Data;

namespace PersonalFinance.Api.Tests.Infrastructure;

/// The app's database going away and coming back: while down, every connection the app opens is refused, as by a stopped
/// server; it comes back by itself after a set number of refusals. The test's own contexts are not affected.
internal sealed class DatabaseOutage(int refusalsUntilBack) : DbConnectionInterceptor
{
    private int _down;
    private int _refused;

    public int Refused => Volatile.Read(ref _refused);

    public void Start() => Interlocked.Exchange(ref _down, 1);

    public void Register(IServiceCollection services)
    {
        services.ConfigureDbContext<SqliteAppDbContext>(o => o.AddInterceptors(this));
        services.ConfigureDbContext<PostgresAppDbContext>(o => o.AddInterceptors(this));
    }

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Refuse();
        return result;
    }

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(
        DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Refuse();
        return ValueTask.FromResult(result);
    }

    private void Refuse()
    {
        if (Volatile.Read(ref _down) == 0)
        {
            return;
        }

        if (Interlocked.Increment(ref _refused) >= refusalsUntilBack)
        {
            Interlocked.Exchange(ref _down, 0);
        }

        throw new DatabaseGoneException();
    }

    private sealed class DatabaseGoneException() : DbException("Simulated outage: the database server refused the connection.")
    {
        public override bool IsTransient => true;
    }
}

/// Starts a database outage when a sync reaches a named point for the first time.
internal sealed class OutageAtFaultPoint(string point, DatabaseOutage outage) : PersonalFinance.Api.Sync.SyncFaultPoints
{
    private int _hit;

    public override void Hit(string point1, string accountId)
    {
        if (point1 == point && Interlocked.Exchange(ref _hit, 1) == 0)
        {
            outage.Start();
        }
    }
}
