using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalFinance.Api.Data;

namespace PersonalFinance.Api.Auth;

internal enum RefreshOutcome
{
    Rotated,
    Missing,
    Invalid,
    Expired,
    Revoked,
    ReuseDetected,
}

internal sealed record RefreshResult(RefreshOutcome Outcome, Guid? UserId = null, string? NewToken = null, DateTime? ExpiresAt = null);

/// Opaque refresh tokens: 256 random bits, stored only as SHA-256, rotated on every use, revoked per family on reuse.
internal sealed class RefreshTokenService(AppDbContext db, IOptions<AuthOptions> options, TimeProvider timeProvider)
{
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public async Task<(string Token, DateTime ExpiresAt)> IssueForLoginAsync(Guid userId, string? userAgent, string? ipAddress, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var (token, row) = NewToken(userId, Guid.NewGuid(), now, now + options.Value.RefreshTokenLifetime, userAgent, ipAddress);
        db.RefreshTokens.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return (token, row.ExpiresAt);
    }

    public async Task<RefreshResult> RotateAsync(string? presented, string? userAgent, string? ipAddress, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(presented))
        {
            return new RefreshResult(RefreshOutcome.Missing);
        }

        var hash = Hash(presented);
        var current = await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (current is null)
        {
            return new RefreshResult(RefreshOutcome.Invalid);
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        if (current.ExpiresAt <= now)
        {
            return new RefreshResult(RefreshOutcome.Expired, current.UserId);
        }

        if (current.RevokedAt is null)
        {
            // A user-initiated transaction must run inside the execution strategy (PostgreSQL retries transient failures).
            RefreshToken? attempt = null;
            var rotated = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                if (attempt is not null)
                {
                    db.Entry(attempt).State = EntityState.Detached;
                }

                var (token, row) = NewToken(current.UserId, current.FamilyId, now, current.ExpiresAt, userAgent, ipAddress);
                attempt = row;
                db.RefreshTokens.Add(row);
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                // Only one of two racing refreshes wins this conditional update; the other falls through to the grace rule below.
                var claimed = await db.RefreshTokens
                    .Where(t => t.Id == current.Id && t.RevokedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now).SetProperty(t => t.ReplacedById, row.Id), cancellationToken);
                if (claimed == 1)
                {
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    return new RefreshResult(RefreshOutcome.Rotated, current.UserId, token, row.ExpiresAt);
                }

                await transaction.RollbackAsync(cancellationToken);
                db.Entry(row).State = EntityState.Detached;
                return null;
            });
            if (rotated is not null)
            {
                return rotated;
            }

            current = await db.RefreshTokens.AsNoTracking().SingleAsync(t => t.Id == current.Id, cancellationToken);
        }

        if (current.ReplacedById is not null && now - current.RevokedAt!.Value <= options.Value.RefreshReuseGraceWindow)
        {
            var familyRevoked = await db.RefreshTokens.AnyAsync(t => t.FamilyId == current.FamilyId && t.RevokedAt != null && t.ReplacedById == null, cancellationToken);
            if (!familyRevoked)
            {
                var (token, row) = NewToken(current.UserId, current.FamilyId, now, current.ExpiresAt, userAgent, ipAddress);
                db.RefreshTokens.Add(row);
                await db.SaveChangesAsync(cancellationToken);
                return new RefreshResult(RefreshOutcome.Rotated, current.UserId, token, row.ExpiresAt);
            }
        }

        if (current.ReplacedById is not null)
        {
            await RevokeFamilyAsync(current.FamilyId, now, cancellationToken);
            return new RefreshResult(RefreshOutcome.ReuseDetected, current.UserId);
        }

        return new RefreshResult(RefreshOutcome.Revoked, current.UserId);
    }

    /// Ends the session the presented token belongs to; unknown tokens are ignored.
    public async Task<Guid?> RevokeAsync(string? presented, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(presented))
        {
            return null;
        }

        var hash = Hash(presented);
        var token = await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (token is null)
        {
            return null;
        }

        await RevokeFamilyAsync(token.FamilyId, timeProvider.GetUtcNow().UtcDateTime, cancellationToken);
        return token.UserId;
    }

    private Task<int> RevokeFamilyAsync(Guid familyId, DateTime now, CancellationToken cancellationToken) =>
        db.RefreshTokens
            .Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);

    private static (string Token, RefreshToken Row) NewToken(Guid userId, Guid familyId, DateTime now, DateTime expiresAt, string? userAgent, string? ipAddress)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var row = new RefreshToken
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            TokenHash = Hash(token),
            FamilyId = familyId,
            IssuedAt = now,
            ExpiresAt = expiresAt,
            UserAgent = userAgent is { Length: > 512 } ? userAgent[..512] : userAgent,
            IpAddress = ipAddress,
        };
        return (token, row);
    }
}
