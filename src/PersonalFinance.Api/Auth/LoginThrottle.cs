namespace PersonalFinance.Api.Auth;

/// Failed sign-ins per normalised username, kept apart from users so that names with no user lock out identically.
internal sealed class LoginThrottle
{
    public required string Username { get; set; }
    public int FailedCount { get; set; }
    public DateTime FirstFailedAt { get; set; }
    public DateTime? LockedUntil { get; set; }
}
