using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Auth;
using PersonalFinance.Api.Data;
using PersonalFinance.Api.Http;

namespace PersonalFinance.Api.Connections;

internal static partial class ConnectionsEndpoints
{
    public const string Provider = "gocardless";

    public static RouteGroupBuilder MapConnections(this RouteGroupBuilder group)
    {
        group.WithTags("Connections");
        group.MapGet("/callback", CallbackEndpoint.HandleAsync).AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Callback);
        var owned = group.MapGroup("").RequireAuthorization();
        owned.MapGet("/", ListAsync);
        owned.MapGet("/{id}", GetAsync);
        owned.MapPost("/", CreateAsync);
        owned.MapPost("/{id}/reauthorise", ReauthoriseAsync);
        owned.MapPatch("/{id}", UpdateAsync);
        owned.MapDelete("/{id}", DeleteAsync);
        owned.MapPost("/{id}/sync", SyncNowEndpoint.HandleAsync);
        return group;
    }

    private static async Task<Ok<ConnectionListResponse>> ListAsync(AppDbContext db, CurrentUser currentUser, CancellationToken cancellationToken)
    {
        var userId = currentUser.Id;
        var connections = await ConnectionQueries.ProjectAsync(db, db.Connections.AsNoTracking().Where(c => c.UserId == userId), cancellationToken);
        return TypedResults.Ok(new ConnectionListResponse(connections, connections.Count));
    }

    private static async Task<Results<Ok<ConnectionResponse>, ProblemHttpResult>> GetAsync(Guid id, AppDbContext db, CurrentUser currentUser, CancellationToken cancellationToken)
    {
        var userId = currentUser.Id;
        var connection = (await ConnectionQueries.ProjectAsync(db, db.Connections.AsNoTracking().Where(c => c.Id == id && c.UserId == userId), cancellationToken)).SingleOrDefault();
        return connection is null ? NotFound(id) : TypedResults.Ok(connection);
    }

    private static async Task<Results<Created<ConnectionLinkResponse>, ProblemHttpResult>> CreateAsync(
        CreateConnectionRequest request,
        HttpContext context,
        AppDbContext db,
        CurrentUser currentUser,
        RequisitionStarter starter,
        TimeProvider timeProvider,
        ILogger<CreateConnectionRequest> logger,
        CancellationToken cancellationToken)
    {
        var userId = currentUser.Id;
        var friendlyName = request.FriendlyName.Trim();
        var (requisition, problem) = await starter.TryStartAsync(request.InstitutionId.Trim(), friendlyName, context, cancellationToken);
        if (requisition is null)
        {
            return problem!;
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var connection = new Connection
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Provider = Provider,
            ProviderId = requisition.Id,
            InstitutionId = requisition.InstitutionId,
            FriendlyName = friendlyName,
            Status = ConnectionStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
        };

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.GcRequisitionLinks.Add(requisition);
            db.Connections.Add(connection);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            // Nothing may be left orphaned at GoCardless when we could not record the requisition.
            Log.StoreFailed(logger, exception.GetType().Name);
            await starter.TryDeleteAsync(requisition.Id, CancellationToken.None);
            throw;
        }

        return TypedResults.Created($"/api/connections/{connection.Id}", new ConnectionLinkResponse(connection.Id, requisition.Link ?? ""));
    }

    private static async Task<Results<Ok<ConnectionLinkResponse>, ProblemHttpResult>> ReauthoriseAsync(
        Guid id,
        HttpContext context,
        AppDbContext db,
        CurrentUser currentUser,
        RequisitionStarter starter,
        TimeProvider timeProvider,
        ILogger<CreateConnectionRequest> logger,
        CancellationToken cancellationToken)
    {
        var userId = currentUser.Id;
        var connection = await db.Connections.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.UserId == userId, cancellationToken);
        if (connection is null)
        {
            return NotFound(id);
        }

        if (connection.Status == ConnectionStatus.Active)
        {
            return ApiProblems.BadRequest($"Connection cannot be reauthorised. Current status: {connection.Status.ToString().ToLowerInvariant()}");
        }

        var (requisition, problem) = await starter.TryStartAsync(connection.InstitutionId, connection.FriendlyName, context, cancellationToken);
        if (requisition is null)
        {
            return problem!;
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var previousRequisition = connection.ProviderId;
        int repointed;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.GcRequisitionLinks.Add(requisition);
            await db.SaveChangesAsync(cancellationToken);
            // The version check makes a concurrent reauthorise (or a job's status change) lose cleanly instead of overwriting.
            repointed = await db.Connections
                .Where(c => c.Id == id && c.Version == connection.Version && c.Status != ConnectionStatus.Active)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.ProviderId, requisition.Id)
                    .SetProperty(c => c.Status, ConnectionStatus.Pending)
                    .SetProperty(c => c.UpdatedAt, now)
                    .SetProperty(c => c.Version, c => c.Version + 1), cancellationToken);
            if (repointed == 1)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        catch (Exception exception) when (exception is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            Log.StoreFailed(logger, exception.GetType().Name);
            await starter.TryDeleteAsync(requisition.Id, CancellationToken.None);
            throw;
        }

        if (repointed == 0)
        {
            await starter.TryDeleteAsync(requisition.Id, CancellationToken.None);
            return ApiProblems.Conflict("The connection changed while it was being reauthorised. Reload it and try again.");
        }

        if (await starter.TryDeleteAsync(previousRequisition, cancellationToken))
        {
            await db.GcRequisitionLinks.Where(r => r.Id == previousRequisition)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.DeletedAt, now), cancellationToken);
        }

        return TypedResults.Ok(new ConnectionLinkResponse(id, requisition.Link ?? ""));
    }

    private static async Task<Results<Ok<ConnectionResponse>, ProblemHttpResult>> UpdateAsync(
        Guid id,
        UpdateConnectionRequest request,
        AppDbContext db,
        CurrentUser currentUser,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var userId = currentUser.Id;
        var friendlyName = request.FriendlyName.Trim();
        var now = timeProvider.GetUtcNow().UtcDateTime;
        // Only the name column is written, so a job's concurrent status change is never lost and never loses this.
        var updated = await db.Connections
            .Where(c => c.Id == id && c.UserId == userId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.FriendlyName, friendlyName)
                .SetProperty(c => c.UpdatedAt, now)
                .SetProperty(c => c.Version, c => c.Version + 1), cancellationToken);
        if (updated == 0)
        {
            return NotFound(id);
        }

        await db.GcRequisitionLinks
            .Where(r => db.Connections.Any(c => c.Id == id && c.ProviderId == r.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.FriendlyName, friendlyName), cancellationToken);
        return TypedResults.Ok((await ConnectionQueries.ProjectAsync(db, db.Connections.AsNoTracking().Where(c => c.Id == id), cancellationToken)).Single());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id,
        AppDbContext db,
        CurrentUser currentUser,
        RequisitionStarter starter,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var userId = currentUser.Id;
        var connection = await db.Connections.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.UserId == userId, cancellationToken);
        if (connection is null)
        {
            return NotFound(id);
        }

        var revoked = await starter.TryDeleteAsync(connection.ProviderId, cancellationToken);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.Connections.Where(c => c.Id == id && c.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            if (revoked)
            {
                await db.GcRequisitionLinks.Where(r => r.Id == connection.ProviderId)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.DeletedAt, now), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return revoked
            ? TypedResults.NoContent()
            : ApiProblems.Problem(StatusCodes.Status502BadGateway,
                "Connection deleted locally, but failed to revoke bank access. The bank connection will expire automatically.");
    }

    private static ProblemHttpResult NotFound(Guid id) => ApiProblems.NotFound($"Connection not found: {id}");

    private static partial class Log
    {
        [LoggerMessage(EventId = 3011, Level = LogLevel.Error, Message = "Storing a new requisition failed ({Failure}); it was deleted at GoCardless")]
        public static partial void StoreFailed(ILogger logger, string failure);
    }
}
