namespace PersonalFinance.Api.Jobs;

internal enum JobStatus
{
    Pending,
    Running,
    Completed,
    Failed,
}
