using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Data;

namespace PersonalFinance.Api.Auth;

/// Creating users and setting passwords: the one path used by /auth/register, create-user and seed-dev-user.
internal sealed class UserAccounts(AppDbContext db, PasswordHashing hashing, TimeProvider timeProvider)
{
    public const int MinimumUsernameLength = 3;
    public const int MaximumUsernameLength = 50;

    public static string Normalize(string username) => username.Trim().ToLowerInvariant();

    public static string? CheckUsername(string? username)
    {
        var normalized = Normalize(username ?? string.Empty);
        return normalized.Length is < MinimumUsernameLength or > MaximumUsernameLength
            ? $"Username must be {MinimumUsernameLength} to {MaximumUsernameLength} characters."
            : null;
    }

    public Task<bool> ExistsAsync(string username, CancellationToken cancellationToken)
    {
        var normalized = Normalize(username);
        return db.Users.AnyAsync(u => u.Username == normalized, cancellationToken);
    }

    /// Returns null when the username is taken.
    public async Task<User?> CreateAsync(string username, string password, string firstName, string lastName, CancellationToken cancellationToken)
    {
        var normalized = Normalize(username);
        if (await db.Users.AnyAsync(u => u.Username == normalized, cancellationToken))
        {
            return null;
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var user = new User
        {
            Id = Guid.CreateVersion7(timeProvider.GetUtcNow()),
            Username = normalized,
            FirstName = firstName.Trim(),
            LastName = lastName.Trim(),
            PasswordHash = string.Empty,
            CreatedAt = now,
            UpdatedAt = now,
        };
        user.PasswordHash = await hashing.HashAsync(user, password, cancellationToken);
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two registrations raced for one name: the unique index decides, the loser is told it exists.
            db.Entry(user).State = EntityState.Detached;
            if (await db.Users.AsNoTracking().AnyAsync(u => u.Username == normalized, cancellationToken))
            {
                return null;
            }

            throw;
        }

        return user;
    }

    /// Every password change ends every session of that user: all refresh tokens are revoked.
    public async Task SetPasswordAsync(User user, string password, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        user.PasswordHash = await hashing.HashAsync(user, password, cancellationToken);
        user.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await db.RefreshTokens
            .Where(t => t.UserId == user.Id && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
    }
}
