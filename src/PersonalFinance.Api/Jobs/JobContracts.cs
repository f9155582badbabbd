namespace PersonalFinance.Api.Jobs;

internal sealed record JobResponse(
    Guid Id,
    string JobType,
    string Status,
    string EntityType,
    Guid EntityId,
    string? ErrorMessage,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? CompletedAt)
{
    public static JobResponse From(Job job) => new(
        job.Id, job.JobType, job.Status.ToString().ToLowerInvariant(), job.EntityType, job.EntityId, job.ErrorMessage, job.CreatedAt, job.StartedAt, job.CompletedAt);
}

internal sealed record JobListResponse(IReadOnlyList<JobResponse> Jobs, int Total);
