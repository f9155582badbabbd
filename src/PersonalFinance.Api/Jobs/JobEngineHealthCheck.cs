using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace PersonalFinance.Api.Jobs;

/// Ready means the job engine answers: its storage is reachable and, on an instance that runs jobs, a server is alive.
/// Hangfire stamps heartbeats with the real clock, so this check measures against the real clock too.
internal sealed class JobEngineHealthCheck(JobStorage storage, IOptions<JobsOptions> options) : IHealthCheck
{
    private static readonly TimeSpan HeartbeatTolerance = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // Hangfire's monitoring API is synchronous and its PostgreSQL storage retries a dead server for half a
            // minute; a probe must answer sooner than that.
            var servers = await Task.Run(() => storage.GetMonitoringApi().Servers(), cancellationToken).WaitAsync(ProbeTimeout, cancellationToken);
            if (options.Value.Role == JobsRole.Web)
            {
                return HealthCheckResult.Healthy("Job storage reachable; this instance runs no jobs.");
            }

            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            return servers.Any(s => s.Heartbeat is { } beat && now - beat < HeartbeatTolerance || s.Heartbeat is null)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("No job server is running.");
        }
        catch (TimeoutException)
        {
            return HealthCheckResult.Unhealthy("The job storage did not answer in time.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The job storage cannot be reached.");
        }
    }
}
