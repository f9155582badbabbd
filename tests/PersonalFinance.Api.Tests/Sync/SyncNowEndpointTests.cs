using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Jobs;
using PersonalFinance.Api.Sync;
using PersonalFinance.Api.Tests.Connections;
using PersonalFinance.Api.Tests.Infrastructure;

namespace PersonalFinance.Api.Tests.Sync;

public sealed class SyncNowEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SyncNow_ReturnsAcceptedWithAPendingJob_WhenTheConnectionIsActive()
    {
        await using var kit = await SyncTestKit.LinkAsync();
        await kit.SyncAsync(SyncTrigger.Scheduled, jobId: (await kit.QueuedJobAsync()).Id);

        using var response = await kit.Client.PostAsync($"/api/connections/{kit.ConnectionId}/sync?full_sync=true", null, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("pending", body.GetProperty("status").GetString());
        Assert.Equal("sync", body.GetProperty("job_type").GetString());
        Assert.Equal("connection", body.GetProperty("entity_type").GetString());
        Assert.Equal(kit.ConnectionId, body.GetProperty("entity_id").GetGuid());
        var jobId = body.GetProperty("id").GetGuid();
        Assert.Equal($"/api/jobs/{jobId}", response.Headers.Location?.OriginalString);
        await using var db = kit.Api.CreateDbContext();
        var job = await db.Jobs.SingleAsync(j => j.Id == jobId, Ct);
        Assert.Equal(JobStatus.Pending, job.Status);
        Assert.False(string.IsNullOrEmpty(job.EngineJobId));
    }

    [Fact]
    public async Task SyncNow_ReturnsAccepted_WhileTheClockMoves()
    {
        await using var kit = await SyncTestKit.LinkAsync();
        await kit.SyncAsync(SyncTrigger.Scheduled, jobId: (await kit.QueuedJobAsync()).Id);
        // A real clock moves between the endpoint's reading and the budget's: allowance "available now" must not
        // read as a time still to come (it did, and every sync now after the first sync answered 429).
        kit.Api.Clock.AutoAdvanceAmount = TimeSpan.FromMilliseconds(1);

        using var response = await kit.Client.PostAsync($"/api/connections/{kit.ConnectionId}/sync", null, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    [Trait("Requirement", "S13")]
    public async Task SyncNow_ReturnsNotFound_ForAnotherUsersOrAMissingConnection()
    {
        await using var kit = await SyncTestKit.LinkAsync();
        var stranger = await kit.Api.CreateUserAsync(cancellationToken: Ct);
        using var strangerClient = kit.Api.CreateClient(stranger);
        var before = await JobCountAsync(kit);

        using var foreign = await strangerClient.PostAsync($"/api/connections/{kit.ConnectionId}/sync", null, Ct);
        var missingId = Guid.NewGuid();
        using var missing = await strangerClient.PostAsync($"/api/connections/{missingId}/sync", null, Ct);

        await ProblemAssert.IsProblemAsync(foreign, HttpStatusCode.NotFound, $"Connection not found: {kit.ConnectionId}");
        await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.NotFound, $"Connection not found: {missingId}");
        Assert.Equal(before, await JobCountAsync(kit));
    }

    [Fact]
    public async Task SyncNow_ReturnsConflict_WhenTheConnectionIsNotActive()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        using var client = api.CreateClient(user);
        var created = await ConnectionsTestHelpers.CreateAsync(api, client);

        using var response = await client.PostAsync($"/api/connections/{created.Id}/sync", null, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "Connection must be active to sync. Current status: pending");
        await using var db = api.CreateDbContext();
        Assert.Equal(0, await db.Jobs.CountAsync(Ct));
    }

    [Fact]
    public async Task SyncNow_ReturnsConflictWithTheExistingJob_WhenASyncIsAlreadyQueued()
    {
        await using var kit = await SyncTestKit.LinkAsync();
        var queued = await kit.QueuedJobAsync();

        using var response = await kit.FreshClient().PostAsync($"/api/connections/{kit.ConnectionId}/sync", null, Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("A sync of this connection is already queued or running.", body.GetProperty("detail").GetString());
        Assert.Equal(queued.Id, body.GetProperty("job").GetProperty("id").GetGuid());
        Assert.Equal("pending", body.GetProperty("job").GetProperty("status").GetString());
        Assert.Equal(1, await JobCountAsync(kit));
    }

    [Fact]
    [Trait("Requirement", "F21")]
    public async Task Budget_ScheduledSyncsStopAtThree_ManualUsesTheFourth_ThenTooManyRequests()
    {
        await using var kit = await SyncTestKit.LinkAsync();
        await kit.SyncAsync(SyncTrigger.Scheduled, jobId: (await kit.QueuedJobAsync()).Id);
        for (var hour = 1; hour <= 4; hour++)
        {
            await kit.AdvanceAsync(TimeSpan.FromHours(1));
            await kit.SyncAsync(SyncTrigger.Scheduled);
        }

        var counts = await kit.ScopeSuccessesAsync();
        Assert.All(kit.AccountIds, id => Assert.Equal(new ScopeCounts(1, 3, 3), counts[id]));
        await using (var db = kit.Api.CreateDbContext())
        {
            var last = await db.Jobs.Where(j => j.EntityId == kit.ConnectionId).OrderByDescending(j => j.CreatedAt).FirstAsync(Ct);
            Assert.Equal(JobStatus.Completed, last.Status);
            // The oldest counted call (09:00) leaves the window at 09:00 the next day.
            Assert.Contains("next sync after 2026-11-03 09:01 UTC", last.ErrorMessage, StringComparison.Ordinal);
        }

        using (var manual = await kit.FreshClient().PostAsync($"/api/connections/{kit.ConnectionId}/sync", null, Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, manual.StatusCode);
            var job = await manual.Content.ReadFromJsonAsync<JsonElement>(Ct);
            var result = await kit.SyncAsync(SyncTrigger.Manual, jobId: job.GetProperty("id").GetGuid());
            Assert.Equal(JobStatus.Completed, result.Status);
        }

        counts = await kit.ScopeSuccessesAsync();
        Assert.All(kit.AccountIds, id => Assert.Equal(new ScopeCounts(1, 4, 4), counts[id]));

        using (var refused = await kit.FreshClient().PostAsync($"/api/connections/{kit.ConnectionId}/sync", null, Ct))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            var retryAfter = refused.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            Assert.InRange(retryAfter.Value.TotalHours, 19.9, 20.1);
            var body = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Contains("daily limit", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        // A scheduled sync now makes no call at all.
        await kit.SyncAsync(SyncTrigger.Scheduled);
        Assert.Equal(counts.Values, (await kit.ScopeSuccessesAsync()).Values);

        await kit.AdvanceAsync(TimeSpan.FromHours(21));
        using var later = await kit.FreshClient().PostAsync($"/api/connections/{kit.ConnectionId}/sync", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, later.StatusCode);
    }

    private static async Task<int> JobCountAsync(SyncTestKit kit)
    {
        await using var db = kit.Api.CreateDbContext();
        return await db.Jobs.CountAsync(Ct);
    }
}
