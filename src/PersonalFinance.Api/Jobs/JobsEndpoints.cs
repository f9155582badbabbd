using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Auth;
using PersonalFinance.Api.Data;
using PersonalFinance.Api.Http;

namespace PersonalFinance.Api.Jobs;

internal static class JobsEndpoints
{
    public static RouteGroupBuilder MapJobs(this RouteGroupBuilder group)
    {
        group.WithTags("Jobs").RequireAuthorization();
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", GetAsync);
        return group;
    }

    private static async Task<Results<Ok<JobListResponse>, ValidationProblem>> ListAsync(
        [FromQuery(Name = "entity_type")] string? entityType,
        [FromQuery(Name = "entity_id")] Guid? entityId,
        [FromQuery(Name = "job_type")] string? jobType,
        [FromQuery(Name = "limit")] int? limit,
        AppDbContext db,
        CurrentUser currentUser,
        CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 100)
        {
            return ApiProblems.Validation("limit", "limit must be between 1 and 100.");
        }

        var userId = currentUser.Id;
        var jobs = db.Jobs.AsNoTracking().Where(j => j.UserId == userId);
        if (!string.IsNullOrWhiteSpace(entityType))
        {
            jobs = jobs.Where(j => j.EntityType == entityType);
        }

        if (entityId is { } id)
        {
            jobs = jobs.Where(j => j.EntityId == id);
        }

        if (!string.IsNullOrWhiteSpace(jobType))
        {
            jobs = jobs.Where(j => j.JobType == jobType);
        }

        var total = await jobs.CountAsync(cancellationToken);
        var page = await jobs.OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id).Take(limit ?? 20).ToListAsync(cancellationToken);
        return TypedResults.Ok(new JobListResponse([.. page.Select(JobResponse.From)], total));
    }

    private static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> GetAsync(Guid id, AppDbContext db, CurrentUser currentUser, CancellationToken cancellationToken)
    {
        var userId = currentUser.Id;
        var job = await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id && j.UserId == userId, cancellationToken);
        return job is null ? ApiProblems.NotFound($"Job not found: {id}") : TypedResults.Ok(JobResponse.From(job));
    }
}
