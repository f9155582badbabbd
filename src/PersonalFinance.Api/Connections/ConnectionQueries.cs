using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Data;
using PersonalFinance.Api.Jobs;

namespace PersonalFinance.Api.Connections;

internal static class ConnectionQueries
{
    /// Connections as the API shows them, newest first, with their institution, account count and latest sync job.
    public static async Task<List<ConnectionResponse>> Project(AppDbContext db, IQueryable<Connection> connections, CancellationToken cancellationToken)
    {
        var rows = await (
            from connection in connections
            join institution in db.Institutions on connection.InstitutionId equals institution.Id
            orderby connection.CreatedAt descending, connection.Id descending
            select new
            {
                connection.Id,
                connection.FriendlyName,
                connection.Provider,
                connection.Status,
                Institution = new ConnectionInstitution(institution.Id, institution.Name, institution.LogoUrl),
                AccountCount = db.Accounts.Count(a => a.ConnectionId == connection.Id),
                connection.CreatedAt,
                connection.ExpiresAt,
                connection.LastSyncedAt,
            }).ToListAsync(cancellationToken);

        var ids = rows.Select(r => r.Id).ToList();
        var jobs = await db.Jobs.AsNoTracking()
            .Where(j => j.EntityType == "connection" && ids.Contains(j.EntityId) && j.JobType == "sync")
            .ToListAsync(cancellationToken);
        var latest = jobs.GroupBy(j => j.EntityId).ToDictionary(g => g.Key, g => g.OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id).First());

        return [.. rows.Select(r => new ConnectionResponse(
            r.Id,
            r.FriendlyName,
            r.Provider,
            r.Status.ToString().ToLowerInvariant(),
            r.Institution,
            r.AccountCount,
            r.CreatedAt,
            r.ExpiresAt,
            r.LastSyncedAt,
            latest.TryGetValue(r.Id, out var job) ? JobResponse.From(job) : null))];
    }
}
