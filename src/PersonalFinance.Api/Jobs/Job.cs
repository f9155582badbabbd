namespace PersonalFinance.Api.Jobs;

internal sealed class Job
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public required string JobType { get; set; }
    public JobStatus Status { get; set; }
    public required string EntityType { get; set; }
    public Guid EntityId { get; set; }
    public string? EngineJobId { get; set; }
    public string? ErrorMessage { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
}
