using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalFinance.Api.Data;
using PersonalFinance.Api.GoCardlessStore;
using RateLimitInfo = GoCardless.BankAccountData.RateLimitInfo;

namespace PersonalFinance.Api.Sync;

internal sealed record BudgetReservation(string AccountId, string Scope, DateTime At);

/// GoCardless's per-account, per-scope daily allowance, kept in gc_account_rate_limits so that every instance sees the
/// same budget. A call reserves first (a conditional write), and gives the reservation back when GoCardless did not
/// count the call. Each change is its own short write outside the sync's transaction, so a crash never loses a count.
internal sealed class AccountBudget(IServiceScopeFactory scopes, IOptions<SyncOptions> options, TimeProvider timeProvider)
{
    public const string Details = "details";
    public const string Balances = "balances";
    public const string Transactions = "transactions";
    private static readonly TimeSpan Window = TimeSpan.FromHours(24);

    public Task<BudgetReservation?> TryReserveAsync(string accountId, string scope, SyncTrigger trigger, CancellationToken cancellationToken) =>
        UpdateAsync(accountId, scope, (row, now) =>
        {
            if (row.SuccessfulCalls.Count >= Allowed(row, trigger))
            {
                return null;
            }

            row.SuccessfulCalls = [.. row.SuccessfulCalls, now];
            return new BudgetReservation(accountId, scope, now);
        }, cancellationToken);

    /// GoCardless counted the call: lower values from its headers win.
    public Task ConfirmAsync(BudgetReservation reservation, RateLimitInfo headers, CancellationToken cancellationToken) =>
        UpdateAsync(reservation.AccountId, reservation.Scope, (row, now) =>
        {
            if (headers.AccountSuccessLimit is { } limit and > 0)
            {
                row.Limit = limit;
            }

            if (headers.AccountSuccessRemaining is { } remaining)
            {
                var reset = TimeSpan.FromSeconds(headers.AccountSuccessResetSeconds ?? Window.TotalSeconds);
                Pad(row, EffectiveLimit(row) - remaining, now + reset - Window);
                row.Remaining = remaining;
                row.ResetAt = now + reset;
            }

            return reservation;
        }, cancellationToken);

    /// GoCardless did not count the call (it failed): the reservation is given back.
    public Task ReleaseAsync(BudgetReservation reservation, CancellationToken cancellationToken) =>
        UpdateAsync(reservation.AccountId, reservation.Scope, (row, now) =>
        {
            Remove(row, reservation.At);
            return reservation;
        }, cancellationToken);

    /// GoCardless answered 429 for this account and scope: the allowance is used up until the reset.
    public Task ExhaustedAsync(BudgetReservation reservation, TimeSpan resetAfter, RateLimitInfo headers, CancellationToken cancellationToken) =>
        UpdateAsync(reservation.AccountId, reservation.Scope, (row, now) =>
        {
            Remove(row, reservation.At);
            if (headers.AccountSuccessLimit is { } limit and > 0)
            {
                row.Limit = limit;
            }

            Pad(row, EffectiveLimit(row), now + resetAfter - Window);
            row.Remaining = 0;
            row.ResetAt = now + resetAfter;
            return reservation;
        }, cancellationToken);

    /// When a call of this scope becomes possible for this trigger; null when it already is. Null rather than "now"
    /// because the caller's clock reading is older than ours, and "now" would compare as a time still to come.
    public async Task<DateTime?> NextAvailableAtAsync(string accountId, string scope, SyncTrigger trigger, CancellationToken cancellationToken)
    {
        await using var scopeServices = scopes.CreateAsyncScope();
        var db = scopeServices.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var row = await db.GcAccountRateLimits.AsNoTracking().SingleOrDefaultAsync(r => r.AccountId == accountId && r.Scope == scope, cancellationToken);
        if (row is null)
        {
            return null;
        }

        Prune(row, now);
        var allowed = Allowed(row, trigger);
        var calls = row.SuccessfulCalls.Order().ToList();
        if (calls.Count < allowed)
        {
            return null;
        }

        // A limit of 1 leaves scheduled syncs nothing: wait a whole window after the last call.
        return allowed <= 0 ? (calls.Count > 0 ? calls[^1] : now) + Window : calls[calls.Count - allowed] + Window;
    }

    public async Task<int> UsedAsync(string accountId, string scope, CancellationToken cancellationToken)
    {
        await using var scopeServices = scopes.CreateAsyncScope();
        var db = scopeServices.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await db.GcAccountRateLimits.AsNoTracking().SingleOrDefaultAsync(r => r.AccountId == accountId && r.Scope == scope, cancellationToken);
        if (row is null)
        {
            return 0;
        }

        Prune(row, timeProvider.GetUtcNow().UtcDateTime);
        return row.SuccessfulCalls.Count;
    }

    private int EffectiveLimit(GcAccountRateLimit row) => Math.Min(options.Value.DailyCallsPerScope, row.Limit ?? int.MaxValue);

    private int Allowed(GcAccountRateLimit row, SyncTrigger trigger) =>
        trigger == SyncTrigger.Manual ? EffectiveLimit(row) : EffectiveLimit(row) - 1;

    private static void Prune(GcAccountRateLimit row, DateTime now) =>
        row.SuccessfulCalls = [.. row.SuccessfulCalls.Where(t => t > now - Window)];

    /// Counts calls we did not see (another client, or lost records) so that our count is never below GoCardless's.
    private static void Pad(GcAccountRateLimit row, int used, DateTime at)
    {
        var missing = used - row.SuccessfulCalls.Count;
        if (missing > 0)
        {
            row.SuccessfulCalls = [.. row.SuccessfulCalls, .. Enumerable.Repeat(at, missing)];
        }
    }

    private static void Remove(GcAccountRateLimit row, DateTime at)
    {
        var list = row.SuccessfulCalls.ToList();
        var index = list.FindIndex(t => (t - at).Duration() < TimeSpan.FromMilliseconds(1));
        if (index >= 0)
        {
            list.RemoveAt(index);
            row.SuccessfulCalls = list;
        }
    }

    /// Read, change, write with the row's version as a condition; a lost race retries on fresh data.
    private async Task<T?> UpdateAsync<T>(string accountId, string scope, Func<GcAccountRateLimit, DateTime, T?> change, CancellationToken cancellationToken)
        where T : class
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var scopeServices = scopes.CreateAsyncScope();
            var db = scopeServices.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = timeProvider.GetUtcNow().UtcDateTime;
            var row = await db.GcAccountRateLimits.SingleOrDefaultAsync(r => r.AccountId == accountId && r.Scope == scope, cancellationToken);
            if (row is null)
            {
                row = new GcAccountRateLimit { AccountId = accountId, Scope = scope };
                db.GcAccountRateLimits.Add(row);
            }

            Prune(row, now);
            var result = change(row, now);
            if (result is null)
            {
                return null;
            }

            row.SuccessCount = row.SuccessfulCalls.Count;
            row.UpdatedAt = now;
            row.Version++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return result;
            }
            catch (DbUpdateException) when (attempt < 20)
            {
                // Another instance changed (or created) the row first: read it again.
                await Task.Delay(TimeSpan.FromMilliseconds(5 * (attempt + 1)), cancellationToken);
            }
        }
    }
}
