using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Cli;
using PersonalFinance.Api.Connections;
using PersonalFinance.Api.Institutions;
using PersonalFinance.Api.Jobs;
using PersonalFinance.Api.Sync;
using PersonalFinance.Api.Tests.Connections;
using PersonalFinance.Api.Tests.Infrastructure;
using PersonalFinance.Api.Tests.Sync;

namespace PersonalFinance.Api.Tests.Jobs;

public sealed class JobsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Worker_RunsTheSyncQueuedByTheCallback_AndTheJobsListShowsItCompleted()
    {
        await using var kit = await SyncTestKit.LinkAsync(o => o.Settings["Jobs:Role"] = "all");

        var job = await WaitForJobAsync(kit.Client, kit.ConnectionId, "completed");

        Assert.Equal("sync", job.GetProperty("job_type").GetString());
        Assert.Equal(JsonValueKind.Null, job.GetProperty("error_message").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, job.GetProperty("started_at").ValueKind);
        var single = await kit.Client.GetFromJsonAsync<JsonElement>($"/api/jobs/{job.GetProperty("id").GetGuid()}", Ct);
        Assert.Equal("completed", single.GetProperty("status").GetString());
        var transactions = await kit.Client.GetFromJsonAsync<JsonElement>("/api/transactions", Ct);
        Assert.True(transactions.GetProperty("total").GetInt32() > 0);
        var connection = await ConnectionsTestHelpers.GetConnectionAsync(kit.Client, kit.ConnectionId);
        Assert.Equal("completed", connection.GetProperty("latest_sync_job").GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, connection.GetProperty("last_synced_at").ValueKind);
    }

    [Fact]
    public async Task Poller_FinishesALinkCompletedWithoutTheCallback_AsTheCallbackWould()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        var user = await api.CreateUserAsync(cancellationToken: Ct);
        using var client = api.CreateClient(user);
        var created = await ConnectionsTestHelpers.CreateAsync(api, client);
        await api.Sandbox.CompleteAsync(created.RequisitionId); // the user closed the tab: no callback

        int changed;
        await using (var scope = api.Services.CreateAsyncScope())
        {
            changed = await scope.ServiceProvider.GetRequiredService<PollRequisitionsJob>().ExecuteAsync(true, Ct);
        }

        Assert.Equal(1, changed);
        var connection = await ConnectionsTestHelpers.GetConnectionAsync(client, created.Id);
        Assert.Equal("active", connection.GetProperty("status").GetString());
        Assert.Equal(2, connection.GetProperty("account_count").GetInt32());
        Assert.Equal("pending", connection.GetProperty("latest_sync_job").GetProperty("status").GetString());
        await using (var scope = api.Services.CreateAsyncScope())
        {
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<PollRequisitionsJob>().ExecuteAsync(true, Ct));
        }

        await using var db = api.CreateDbContext();
        Assert.Equal(1, await db.Jobs.CountAsync(Ct));
    }

    [Fact]
    [Trait("Requirement", "F22")]
    public async Task Startup_MarksRunningJobsInterrupted_AndPlansTheWorkAgain()
    {
        await using var kit = await SyncTestKit.LinkAsync();
        var queued = await kit.QueuedJobAsync();
        await using (var db = kit.Api.CreateDbContext())
        {
            await db.Jobs.Where(j => j.Id == queued.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, JobStatus.Running), Ct);
        }

        await using (var scope = kit.Api.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<InterruptedJobs>().RecoverAsync(Ct));
        }

        await using (var db = kit.Api.CreateDbContext())
        {
            var interrupted = await db.Jobs.SingleAsync(j => j.Id == queued.Id, Ct);
            Assert.Equal(JobStatus.Failed, interrupted.Status);
            Assert.Equal(InterruptedJobs.InterruptedMessage, interrupted.ErrorMessage);
            var replanned = await db.Jobs.SingleAsync(j => j.Id != queued.Id, Ct);
            Assert.Equal(JobStatus.Pending, replanned.Status);
            Assert.Equal(kit.ConnectionId, replanned.EntityId);
            var result = await kit.SyncAsync(SyncTrigger.Scheduled, jobId: replanned.Id);
            Assert.Equal(JobStatus.Completed, result.Status);
        }
    }

    [Fact]
    public async Task SyncAll_QueuesActiveConnectionsOnce()
    {
        await using var kit = await SyncTestKit.LinkAsync();
        await kit.SyncAsync(SyncTrigger.Scheduled, jobId: (await kit.QueuedJobAsync()).Id);

        await using var scope = kit.Api.Services.CreateAsyncScope();
        var job = scope.ServiceProvider.GetRequiredService<SyncAllJob>();
        Assert.Equal(1, await job.ExecuteAsync(Ct));
        Assert.Equal(0, await job.ExecuteAsync(Ct));
        await using var db = kit.Api.CreateDbContext();
        Assert.Equal(1, await db.Jobs.CountAsync(j => j.Status == JobStatus.Pending, Ct));
    }

    [Fact]
    public async Task SyncAll_QueuesADueConnection_WhileTheClockMoves()
    {
        await using var kit = await SyncTestKit.LinkAsync();
        await kit.SyncAsync(SyncTrigger.Scheduled, jobId: (await kit.QueuedJobAsync()).Id);
        kit.Api.Clock.AutoAdvanceAmount = TimeSpan.FromMilliseconds(1);

        await using var scope = kit.Api.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<SyncAllJob>().ExecuteAsync(Ct));
    }

    [Fact]
    public async Task RefreshInstitutions_LoadsTheCatalogue()
    {
        await using var api = await TestApi.StartAsync(cancellationToken: Ct);
        await using var scope = api.Services.CreateAsyncScope();

        var count = await scope.ServiceProvider.GetRequiredService<RefreshInstitutionsJob>().ExecuteAsync(Ct);

        Assert.True(count > 5);
        await using var db = api.CreateDbContext();
        Assert.Equal(count, await db.Institutions.CountAsync(Ct));
    }

    [Fact]
    public async Task Dashboard_AnswersOnlyTheAdminToken()
    {
        await using var api = await TestApi.StartAsync(o => o.UseSandbox = false, Ct);
        using var anonymous = api.CreateRawClient();
        using var wrong = api.CreateRawClient();
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-admin-token-at-all");
        using var admin = api.CreateRawClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestApi.AdminToken);

        using var denied = await anonymous.GetAsync("/hangfire", Ct);
        using var deniedWrong = await wrong.GetAsync("/hangfire", Ct);
        using var allowed = await admin.GetAsync("/hangfire", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, deniedWrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("Hangfire", await allowed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncVerb_SyncsAConnectionAndPrintsEachAccount()
    {
        await using var kit = await SyncTestKit.LinkAsync();
        await using (var db = kit.Api.CreateDbContext())
        {
            // The callback's queued job belongs to the host; the verb runs its own.
            await db.Jobs.ExecuteDeleteAsync(Ct);
        }

        using var output = new StringWriter();
        // Settings the host reads while it is built come as --key=value arguments, as on a real command line.
        string[] args =
        [
            "--connection", kit.ConnectionId.ToString(),
            .. kit.Api.Database.Settings.Select(s => $"--{s.Key}={s.Value}"),
            $"--GoCardless:SecretId={kit.Api.Sandbox.Server.SecretId}",
            $"--GoCardless:SecretKey={kit.Api.Sandbox.Server.SecretKey}",
            $"--GoCardless:BaseAddress={kit.Api.Sandbox.Server.ApiBaseAddress}",
            $"--Jwt:SigningKey={TestApi.SigningKey}",
            "--Jobs:Role=web",
        ];
        var exit = await CliVerbs.RunAsync("sync", args, builder => builder.Services.AddSingleton<TimeProvider>(kit.Api.Clock), output);

        var text = output.ToString();
        Assert.True(exit == 0, text);
        Assert.Contains($"Connection {kit.ConnectionId}: completed", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Split('\n').Count(l => l.Contains(": synced", StringComparison.Ordinal)));
        await using var check = kit.Api.CreateDbContext();
        Assert.True(await check.Transactions.AnyAsync(Ct));
    }

    private static async Task<JsonElement> WaitForJobAsync(HttpClient client, Guid connectionId, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            var list = await client.GetFromJsonAsync<JsonElement>($"/api/jobs?entity_type=connection&entity_id={connectionId}", Ct);
            if (list.GetProperty("total").GetInt32() > 0)
            {
                last = list.GetProperty("jobs")[0];
                if (last.GetProperty("status").GetString() == status)
                {
                    return last;
                }
            }

            await Task.Delay(100, Ct);
        }

        Assert.Fail($"Job never reached {status}; last seen: {(last.ValueKind == JsonValueKind.Undefined ? "none" : last.GetRawText())}");
        return last;
    }
}
