using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalFinance.Api.Data;

namespace PersonalFinance.Api.Auth;

/// Counts consecutive failed sign-ins per normalised username, for names with and without a user alike.
internal sealed class LoginThrottling(AppDbContext db, IOptions<AuthOptions> options, TimeProvider timeProvider)
{
    public async Task<DateTime?> LockedUntilAsync(string username, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var lockedUntil = await db.LoginThrottles.AsNoTracking()
            .Where(t => t.Username == username)
            .Select(t => t.LockedUntil)
            .SingleOrDefaultAsync(cancellationToken);
        return lockedUntil > now ? lockedUntil : null;
    }

    /// Records a failure and returns true when this failure locked the name.
    public async Task<bool> RecordFailureAsync(string username, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var throttle = await db.LoginThrottles.SingleOrDefaultAsync(t => t.Username == username, cancellationToken);
        if (throttle is null)
        {
            throttle = new LoginThrottle { Username = username, FirstFailedAt = now };
            db.LoginThrottles.Add(throttle);
        }
        else if (throttle.LockedUntil is { } until && until <= now)
        {
            // An expired lockout starts a fresh count.
            throttle.FailedCount = 0;
            throttle.FirstFailedAt = now;
            throttle.LockedUntil = null;
        }

        throttle.FailedCount++;
        var locked = throttle.FailedCount >= options.Value.MaxFailedLogins;
        if (locked)
        {
            throttle.LockedUntil = now + options.Value.LockoutDuration;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A parallel failure inserted the row first; count this one on it.
            db.ChangeTracker.Clear();
            await db.LoginThrottles.Where(t => t.Username == username)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.FailedCount, t => t.FailedCount + 1), cancellationToken);
        }

        return locked;
    }

    public Task ResetAsync(string username, CancellationToken cancellationToken) =>
        db.LoginThrottles.Where(t => t.Username == username).ExecuteDeleteAsync(cancellationToken);
}
