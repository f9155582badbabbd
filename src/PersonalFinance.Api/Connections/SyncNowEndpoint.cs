using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Auth;
using PersonalFinance.Api.Data;
using PersonalFinance.Api.Http;
using PersonalFinance.Api.Jobs;
using PersonalFinance.Api.Sync;

namespace PersonalFinance.Api.Connections;

/// POST /api/connections/{id}/sync: queues a manual sync (which may use the last call of each scope) and answers 202
/// with its job; 409 when the connection is not active or a sync of it is already queued or running; 429 when no
/// account has allowance left for balances or transactions.
internal static class SyncNowEndpoint
{
    public static async Task<Results<Accepted<JobResponse>, ProblemHttpResult>> HandleAsync(
        Guid id,
        [FromQuery(Name = "full_sync")] bool? fullSync,
        HttpContext context,
        AppDbContext db,
        CurrentUser currentUser,
        [AsParameters] SyncNowServices services,
        CancellationToken cancellationToken)
    {
        var userId = currentUser.Id;
        var connection = await db.Connections.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.UserId == userId, cancellationToken);
        if (connection is null)
        {
            return ApiProblems.NotFound($"Connection not found: {id}");
        }

        if (connection.Status != ConnectionStatus.Active)
        {
            return ApiProblems.Conflict($"Connection must be active to sync. Current status: {connection.Status.ToString().ToLowerInvariant()}");
        }

        if (await services.Records.FindActiveAsync(id, cancellationToken) is { } active)
        {
            return TypedResults.Problem(
                detail: "A sync of this connection is already queued or running.",
                statusCode: StatusCodes.Status409Conflict,
                title: "Conflict",
                extensions: new Dictionary<string, object?> { ["job"] = JobResponse.From(active) });
        }

        var accountIds = await db.Accounts.AsNoTracking().Where(a => a.ConnectionId == id).Select(a => a.ProviderId).ToListAsync(cancellationToken);
        // 429 only when every account is out of allowance for a scope; one account with allowance is worth a sync.
        DateTime? earliest = null;
        var blocked = accountIds.Count > 0;
        foreach (var accountId in accountIds)
        {
            foreach (var scope in new[] { AccountBudget.Balances, AccountBudget.Transactions })
            {
                if (await services.Budget.NextAvailableAtAsync(accountId, scope, SyncTrigger.Manual, cancellationToken) is not { } available)
                {
                    blocked = false;
                    break;
                }

                earliest = earliest is null || available < earliest ? available : earliest;
            }

            if (!blocked)
            {
                break;
            }
        }

        if (blocked && earliest is { } next)
        {
            var now = services.Time.GetUtcNow().UtcDateTime;
            var seconds = Math.Max(1, (int)Math.Ceiling((next - now).TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return ApiProblems.Problem(StatusCodes.Status429TooManyRequests,
                $"The bank's daily limit for this connection's accounts is used up. Try again after {next.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC.");
        }

        var job = await services.Scheduler.EnqueueConnectionSyncAsync(id, fullSync ?? false, cancellationToken, SyncTrigger.Manual);
        return TypedResults.Accepted($"/api/jobs/{job!.Id}", JobResponse.From(job));
    }
}

internal sealed record SyncNowServices(SyncScheduler Scheduler, JobRecords Records, AccountBudget Budget, TimeProvider Time);
