namespace PersonalFinance.Api.Connections;

internal sealed class Connection
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public required string Provider { get; set; }
    public required string ProviderId { get; set; }
    public required string InstitutionId { get; set; }
    public required string FriendlyName { get; set; }
    public ConnectionStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? LastSyncedAt { get; set; }

    /// Application-managed concurrency token: users (rename) and jobs (status) both write this row.
    public int Version { get; set; }

    /// A sync holds the connection until this instant so that a duplicate delivery ends without work.
    public DateTime? SyncLeaseUntil { get; set; }
    public Guid? SyncLeaseOwner { get; set; }
}
