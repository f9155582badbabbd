using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Auth;
using PersonalFinance.Api.Data;
using PersonalFinance.Api.Http;

namespace PersonalFinance.Api.Transactions;

internal static class TransactionsEndpoints
{
    public const int MaxPageSize = 100;
    public const int MaxRangeDays = 730;

    public static RouteGroupBuilder MapTransactions(this RouteGroupBuilder group)
    {
        group.WithTags("Transactions").RequireAuthorization();
        group.MapGet("/", ListAsync);
        return group;
    }

    internal sealed record TransactionQuery(
        [FromQuery(Name = "account_id")] Guid? AccountId,
        [FromQuery(Name = "start_date")] DateOnly? StartDate,
        [FromQuery(Name = "end_date")] DateOnly? EndDate,
        [FromQuery(Name = "min_amount")] decimal? MinAmount,
        [FromQuery(Name = "max_amount")] decimal? MaxAmount,
        [FromQuery(Name = "search")] string? Search,
        [FromQuery(Name = "status")] string? Status,
        [FromQuery(Name = "page")] int? Page,
        [FromQuery(Name = "page_size")] int? PageSize);

    private static async Task<Results<Ok<TransactionListResponse>, ValidationProblem>> ListAsync(
        [AsParameters] TransactionQuery query,
        AppDbContext db,
        CurrentUser currentUser,
        CancellationToken cancellationToken)
    {
        if (Validate(query) is { } problem)
        {
            return problem;
        }

        var page = query.Page ?? 1;
        var pageSize = query.PageSize ?? 50;
        var userId = currentUser.Id;
        var transactions = db.Transactions.AsNoTracking()
            .Where(t => db.Accounts.Any(a => a.Id == t.AccountId && db.Connections.Any(c => c.Id == a.ConnectionId && c.UserId == userId)));

        if (query.AccountId is { } accountId)
        {
            transactions = transactions.Where(t => t.AccountId == accountId);
        }

        if (query.StartDate is { } start)
        {
            transactions = transactions.Where(t => t.BookingDate >= start);
        }

        if (query.EndDate is { } end)
        {
            transactions = transactions.Where(t => t.BookingDate <= end);
        }

        if (query.MinAmount is { } min)
        {
            transactions = transactions.Where(t => t.Amount >= min);
        }

        if (query.MaxAmount is { } max)
        {
            transactions = transactions.Where(t => t.Amount <= max);
        }

        if (ParseStatus(query.Status) is { } status)
        {
            transactions = transactions.Where(t => t.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            // ToLower on both sides behaves the same on SQLite and PostgreSQL, unlike ILIKE or collations.
            var pattern = $"%{EscapeLike(query.Search.Trim().ToLowerInvariant())}%";
            transactions = transactions.Where(t =>
                EF.Functions.Like(t.Description!.ToLower(), pattern, "\\") || EF.Functions.Like(t.CounterpartyName!.ToLower(), pattern, "\\"));
        }

        var total = await transactions.CountAsync(cancellationToken);
        var items = await transactions
            .OrderBy(t => t.Status == TransactionStatus.Pending ? 0 : 1)
            .ThenByDescending(t => t.BookingDate)
            .ThenByDescending(t => t.CreatedAt)
            .ThenBy(t => t.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(t => new TransactionResponse(
                t.Id,
                t.AccountId,
                t.BookingDate,
                t.ValueDate,
                t.Amount,
                t.Currency,
                t.Description,
                t.CounterpartyName,
                t.Category,
                t.Status == TransactionStatus.Pending ? "pending" : "booked"))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new TransactionListResponse(items, total, page, pageSize));
    }

    private static ValidationProblem? Validate(TransactionQuery query)
    {
        if (query.Page is < 1)
        {
            return ApiProblems.Validation("page", "page must be 1 or more.");
        }

        if (query.PageSize is < 1 or > MaxPageSize)
        {
            return ApiProblems.Validation("page_size", $"page_size must be between 1 and {MaxPageSize}.");
        }

        if (query.StartDate is { } start && query.EndDate is { } end)
        {
            if (end < start)
            {
                return ApiProblems.Validation("end_date", "end_date must not be before start_date.");
            }

            if (end.DayNumber - start.DayNumber > MaxRangeDays)
            {
                return ApiProblems.Validation("end_date", $"The date range may span at most {MaxRangeDays} days.");
            }
        }

        foreach (var (name, amount) in new[] { ("min_amount", query.MinAmount), ("max_amount", query.MaxAmount) })
        {
            if (amount is { } value && !MoneyConverter.IsRepresentable(value))
            {
                return ApiProblems.Validation(name, $"{name} may have at most {MoneyConverter.Scale} decimal places.");
            }
        }

        if (query.MinAmount is { } min && query.MaxAmount is { } max && max < min)
        {
            return ApiProblems.Validation("max_amount", "max_amount must not be less than min_amount.");
        }

        if (query.Search is { Length: > 200 })
        {
            return ApiProblems.Validation("search", "search may be at most 200 characters.");
        }

        if (!string.IsNullOrEmpty(query.Status) && ParseStatus(query.Status) is null)
        {
            return ApiProblems.Validation("status", "status must be 'booked' or 'pending'.");
        }

        return null;
    }

    private static TransactionStatus? ParseStatus(string? status) => status?.Trim().ToLowerInvariant() switch
    {
        "booked" => TransactionStatus.Booked,
        "pending" => TransactionStatus.Pending,
        _ => null,
    };

    private static string EscapeLike(string value) => value.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
