using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using PersonalFinance.Api.Auth;
using PersonalFinance.Api.Data;
using PersonalFinance.Api.Http;

namespace PersonalFinance.Api.Accounts;

internal static class AccountsEndpoints
{
    public static RouteGroupBuilder MapAccounts(this RouteGroupBuilder group)
    {
        group.WithTags("Accounts").RequireAuthorization();
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapPatch("/{id}", UpdateAsync);
        return group;
    }

    private static async Task<Results<Ok<AccountListResponse>, ProblemHttpResult>> ListAsync(
        [FromQuery(Name = "connection_id")] Guid? connectionId,
        AppDbContext db,
        CurrentUser currentUser,
        CancellationToken cancellationToken)
    {
        var userId = currentUser.Id;
        if (connectionId is { } filter && !await db.Connections.AnyAsync(c => c.Id == filter && c.UserId == userId, cancellationToken))
        {
            return ApiProblems.NotFound($"Connection not found: {filter}");
        }

        var accounts = new List<AccountResponse>();
        var query = ListQueries.GetOrAdd(db.Model, _ => CompileListQuery());
        await foreach (var account in query(db, userId, connectionId).WithCancellation(cancellationToken))
        {
            accounts.Add(account);
        }

        return TypedResults.Ok(new AccountListResponse(accounts, accounts.Count));
    }

    private static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> GetAsync(Guid id, AppDbContext db, CurrentUser currentUser, CancellationToken cancellationToken)
    {
        var account = await Project(OwnedBy(db, currentUser.Id).Where(a => a.Id == id)).SingleOrDefaultAsync(cancellationToken);
        return account is null ? ApiProblems.NotFound($"Account not found: {id}") : TypedResults.Ok(account);
    }

    private static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> UpdateAsync(
        Guid id,
        UpdateAccountRequest request,
        AppDbContext db,
        CurrentUser currentUser,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var displayName = string.IsNullOrWhiteSpace(request.DisplayName) ? null : request.DisplayName.Trim();
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var owned = OwnedBy(db, currentUser.Id).Where(a => a.Id == id).Select(a => a.Id);
        var updated = await db.Accounts
            .Where(a => owned.Contains(a.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.DisplayName, displayName).SetProperty(a => a.UpdatedAt, now), cancellationToken);
        if (updated == 0)
        {
            return ApiProblems.NotFound($"Account not found: {id}");
        }

        return TypedResults.Ok(await Project(db.Accounts.AsNoTracking().Where(a => a.Id == id)).SingleAsync(cancellationToken));
    }

    private static IQueryable<Account> OwnedBy(AppDbContext db, Guid userId) =>
        db.Accounts.AsNoTracking().Where(a => db.Connections.Any(c => c.Id == a.ConnectionId && c.UserId == userId));

    private static readonly Expression<Func<Account, AccountResponse>> ToResponse =
        a => new AccountResponse(
            a.Id,
            a.ConnectionId,
            a.DisplayName,
            a.Name,
            a.Iban,
            a.Currency,
            a.Status == AccountStatus.Active ? "active" : "inactive",
            a.BalanceAmount == null ? null : new BalanceResponse(a.BalanceAmount.Value, a.BalanceCurrency ?? a.Currency ?? "", a.BalanceType ?? ""),
            a.LastSyncedAt);

    // The busiest read of the app (every page load) skips EF's per-call expression processing. A compiled query serves one
    // model only, so there is one per model (SQLite and PostgreSQL can share a process, as in the tests).
    private static readonly ConcurrentDictionary<IModel, Func<AppDbContext, Guid, Guid?, IAsyncEnumerable<AccountResponse>>> ListQueries = new();

    private static Func<AppDbContext, Guid, Guid?, IAsyncEnumerable<AccountResponse>> CompileListQuery() => EF.CompileAsyncQuery(
        (AppDbContext db, Guid userId, Guid? connectionId) =>
            (from account in db.Accounts.AsNoTracking()
             join connection in db.Connections on account.ConnectionId equals connection.Id
             where connection.UserId == userId && (connectionId == null || connection.Id == connectionId)
             orderby connection.CreatedAt descending, connection.Id, account.DisplayName ?? account.Name, account.Id
             select account).Select(ToResponse));

    private static IQueryable<AccountResponse> Project(IQueryable<Account> accounts) => accounts.Select(ToResponse);
}
