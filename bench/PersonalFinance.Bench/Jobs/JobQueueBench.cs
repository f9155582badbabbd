using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Threading.Channels;
using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.Options;
using Npgsql;
using PersonalFinance.Api;
using PersonalFinance.Api.Jobs;
using PersonalFinance.Bench.Load;
using PersonalFinance.Bench.Report;

namespace PersonalFinance.Bench.Jobs;

/// One queue under test: how to enqueue a job, and how to start and stop the workers that run it.
internal interface IBenchQueue : IAsyncDisposable
{
    Task EnqueueAsync(CancellationToken cancellationToken);

    Task StartWorkersAsync(CancellationToken cancellationToken);

    Task StopWorkersAsync();
}

/// What one queue did: throughput per round over a backlog, and enqueue-to-start latencies under a steady trickle.
internal sealed record QueueResult(List<double> JobsPerSecond, List<double> StartMs);

/// P9 (bench mode "jobs"): Hangfire as the app configures it (storage, options, filters, activator from AppHost's
/// registrations) running a no-op job, against the simplest queue on the same store with the same number of workers.
internal sealed class JobQueueBench(BenchArgs args)
{
    private readonly ResultFile _results = new();

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var work = args.Require("work");
        Directory.CreateDirectory(work);
        var poll = TimeSpan.FromMilliseconds(args.Int("poll-ms", 1000));
        var rounds = args.Int("rounds", 3);
        var latencySeconds = args.Double("latency-seconds", 4);
        var postgres = args.Get("postgres");

        if (postgres is not null)
        {
            var database = await CreateDatabaseAsync(postgres, cancellationToken);
            try
            {
                await using var app = BuildApp(work, poll, database);
                await using var ours = new HangfireQueue(app);
                await using var baseline = new SkipLockedQueue(database, ours.WorkerCount, poll);
                await baseline.CreateAsync(cancellationToken);
                var (o, b) = await CompareAsync(ours, baseline, args.Int("postgres-jobs", 500), rounds, latencySeconds, cancellationToken);
                _results.Items.Add(Item("P9", "PostgreSQL", ours, o, b, poll, database: true));
            }
            finally
            {
                NpgsqlConnection.ClearAllPools();
                await DropDatabaseAsync(postgres, database, CancellationToken.None);
            }
        }
        else
        {
            Console.WriteLine("P9 PostgreSQL skipped: no PostgreSQL server (--postgres).");
        }

        {
            await using var app = BuildApp(work, poll, postgres: null);
            await using var ours = new HangfireQueue(app);
            await using var baseline = new ChannelQueue(ours.WorkerCount);
            var (o, b) = await CompareAsync(ours, baseline, args.Int("memory-jobs", 3000), rounds, latencySeconds, cancellationToken);
            _results.Items.Add(Item("P9", "in-memory", ours, o, b, poll, database: false));
        }

        var merged = new ItemResult("P9", "Hangfire no-op jobs against the simplest queue on the same store",
            string.Join("; ", _results.Items.Select(i => i.Setup)), [.. _results.Items.SelectMany(i => i.Figures)], [.. _results.Items.SelectMany(i => i.Notes)]);
        var file = new ResultFile();
        file.Items.Add(merged);
        file.Save(args.Require("out"));
        return 0;
    }

    /// Throughput: a backlog enqueued with the workers stopped, timed from the first start to the last (rounds alternate
    /// which queue goes first). Latency: the workers idle, then one job every 20 ms for a few seconds.
    private static async Task<(QueueResult Ours, QueueResult Baseline)> CompareAsync(
        IBenchQueue ours, IBenchQueue baseline, int jobs, int rounds, double latencySeconds, CancellationToken cancellationToken)
    {
        var o = new QueueResult([], []);
        var b = new QueueResult([], []);
        await ThroughputAsync(ours, Math.Max(50, jobs / 10), cancellationToken);
        await ThroughputAsync(baseline, Math.Max(50, jobs / 10), cancellationToken);
        for (var round = 0; round < rounds; round++)
        {
            var pair = round % 2 == 0 ? new[] { (ours, o), (baseline, b) } : [(baseline, b), (ours, o)];
            foreach (var (queue, result) in pair)
            {
                result.JobsPerSecond.Add(await ThroughputAsync(queue, jobs, cancellationToken));
            }
        }

        o.StartMs.AddRange(await LatencyAsync(ours, latencySeconds, cancellationToken));
        b.StartMs.AddRange(await LatencyAsync(baseline, latencySeconds, cancellationToken));
        Console.WriteLine($"P9 {ours.GetType().Name}: {LoadDriver.Median(o.JobsPerSecond):0} jobs/s, p95 start {LoadDriver.Percentile(o.StartMs, 0.95):0.0} ms; "
            + $"{baseline.GetType().Name}: {LoadDriver.Median(b.JobsPerSecond):0} jobs/s, p95 start {LoadDriver.Percentile(b.StartMs, 0.95):0.0} ms");
        return (o, b);
    }

    private static async Task<double> ThroughputAsync(IBenchQueue queue, int jobs, CancellationToken cancellationToken)
    {
        for (var i = 0; i < jobs; i++)
        {
            await queue.EnqueueAsync(cancellationToken);
        }

        var done = NoOpJob.Expect(jobs);
        await queue.StartWorkersAsync(cancellationToken);
        await done.WaitAsync(TimeSpan.FromMinutes(5), cancellationToken);
        await queue.StopWorkersAsync();
        var starts = NoOpJob.Starts.Select(s => s.Started).Order().ToList();
        return (starts.Count - 1) / Stopwatch.GetElapsedTime(starts[0], starts[^1]).TotalSeconds;
    }

    private static async Task<List<double>> LatencyAsync(IBenchQueue queue, double seconds, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromMilliseconds(20);
        var count = (int)(seconds / interval.TotalSeconds);
        await queue.StartWorkersAsync(cancellationToken);
        // Idle workers first: the trickle meets them the way a job queued by a request would.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var done = NoOpJob.Expect(count);
        using var timer = new PeriodicTimer(interval);
        for (var i = 0; i < count && await timer.WaitForNextTickAsync(cancellationToken); i++)
        {
            await queue.EnqueueAsync(cancellationToken);
        }

        await done.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
        await queue.StopWorkersAsync();
        return [.. NoOpJob.Starts.Select(s => Stopwatch.GetElapsedTime(s.Enqueued, s.Started).TotalMilliseconds)];
    }

    private static ItemResult Item(string id, string storage, HangfireQueue ours, QueueResult o, QueueResult b, TimeSpan poll, bool database)
    {
        var baselineName = database ? "SKIP LOCKED table queue" : "Channel<T>";
        var item = new ItemResult(id, "",
            $"{storage}: Hangfire {typeof(BackgroundJobServer).Assembly.GetName().Version} with the app's storage, filters and activator, {ours.WorkerCount} workers (JobsOptions.WorkerCount) "
            + $"against {(database ? "a table queue on the same server and database (per job: BEGIN, SELECT … ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED, DELETE, COMMIT; an idle worker sleeps the same poll interval)" : "an unbounded Channel<T> read by the same number of tasks")}; "
            + $"throughput over a backlog in {o.JobsPerSecond.Count} rounds, latency over a 20 ms trickle to idle workers", [], []);
        if (database)
        {
            item.Notes.Add($"Poll interval: the app configures JobsOptions.PollInterval = {new JobsOptions().PollInterval.TotalSeconds:0} s (appsettings leaves it) as Hangfire's queue and schedule poll; "
                + $"this run sets Jobs:PollInterval to {poll.TotalMilliseconds:0} ms so the latency phase spans several polls within seconds, and the bound scales with it.");
            item.Notes.Add("The trickle is enqueued in the process that runs the workers, as with the app's default single instance (Jobs:Role=All): Hangfire.PostgreSql then wakes an idle worker "
                + "in-process at once. A job queued by another instance (Role=Web) is only seen at the next poll, like every job of the baseline, whose idle workers always sleep the interval.");
        }
        var ratios = o.JobsPerSecond.Zip(b.JobsPerSecond, (x, y) => x / y).ToList();
        var key = database ? "postgres" : "memory";
        item.Figures.Add(new Figure($"P9.{key}.throughput", $"throughput ({storage}): Hangfire ÷ {baselineName}", LoadDriver.Median(o.JobsPerSecond), LoadDriver.Median(b.JobsPerSecond), "jobs/s",
            LoadDriver.Median(ratios), database ? TargetKind.Floor : TargetKind.None, database ? 0.2 : null,
            $"Hangfire {Join(o.JobsPerSecond, "0")} jobs/s; {baselineName} {Join(b.JobsPerSecond, "0")} jobs/s; per-round ratios {Join(ratios, "0.000")}",
            database
                ? "Hangfire's PostgreSQL storage writes each job several times (the job and its parameters and state on enqueue, a fetch that marks the queue row, Processing and Succeeded state rows and the job update, the queue row's removal), each transaction a WAL flush; the baseline commits once per job."
                : null));
        var bound = poll.TotalMilliseconds + 50;
        var p95 = LoadDriver.Percentile(o.StartMs, 0.95);
        item.Figures.Add(new Figure($"P9.{key}.p95", $"p95 enqueue-to-start ({storage}), ratio = p95 ÷ (poll interval + 50 ms)", p95, LoadDriver.Percentile(b.StartMs, 0.95), "ms",
            p95 / bound, TargetKind.Ceiling, 1,
            $"Hangfire p50 {LoadDriver.Percentile(o.StartMs, 0.5):0.0} / p95 {p95:0.0} / max {o.StartMs.Max():0.0} ms over {o.StartMs.Count} jobs; {baselineName} p50 {LoadDriver.Percentile(b.StartMs, 0.5):0.0} / p95 {LoadDriver.Percentile(b.StartMs, 0.95):0.0} ms; bound {bound:0} ms",
            "An idle Hangfire worker on PostgreSQL sleeps the poll interval between fetches (the app does not turn on the storage's LISTEN/NOTIFY long polling), so a job queued just after a fetch waits up to a whole interval, plus the fetch and state changes."));
        return item;
    }

    private static string Join(IEnumerable<double> values, string format) => string.Join(" / ", values.Select(v => v.ToString(format, CultureInfo.InvariantCulture)));

    /// The app composed by AppHost in Production, for its job storage and Hangfire settings only (nothing is started).
    private static WebApplication BuildApp(string work, TimeSpan poll, string? postgres)
    {
        var builder = AppHost.CreateConfiguredBuilder(["--environment", "Production"]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = postgres is null ? "Sqlite" : "Postgres",
            ["ConnectionStrings:Postgres"] = postgres,
            ["ConnectionStrings:Sqlite"] = $"Data Source={Path.Combine(work, "p9.db")}",
            ["Jwt:SigningKey"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
            ["App:PublicUrl"] = "http://127.0.0.1:8000",
            ["Jobs:PollInterval"] = poll.ToString("c", CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        });
        AppHost.AddAppServices(builder);
        return builder.Build();
    }

    private static async Task<string> CreateDatabaseAsync(string admin, CancellationToken cancellationToken)
    {
        var name = $"pf_bench_p9_{Guid.NewGuid():N}"[..30];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 50 }.ToString();
    }

    private static async Task DropDatabaseAsync(string admin, string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(cancellationToken);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(database).Database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync(cancellationToken);
    }

    /// Hangfire as AddHangfireServer would run it for the app: same storage, worker count, poll interval, filters, activator.
    private sealed class HangfireQueue : IBenchQueue
    {
        private readonly JobStorage _storage;
        private readonly IJobFilterProvider _filters;
        private readonly JobActivator _activator;
        private readonly JobsOptions _options;
        private readonly BackgroundJobClient _client;
        private BackgroundJobServer? _server;

        public HangfireQueue(WebApplication app)
        {
            // Resolving the global configuration applies the app's serializer settings, as the app's server start does.
            _ = app.Services.GetRequiredService<IGlobalConfiguration>();
            _storage = app.Services.GetRequiredService<JobStorage>();
            _filters = app.Services.GetRequiredService<IJobFilterProvider>();
            _activator = app.Services.GetRequiredService<JobActivator>();
            _options = app.Services.GetRequiredService<IOptions<JobsOptions>>().Value;
            _client = new BackgroundJobClient(_storage, _filters);
        }

        public int WorkerCount => _options.WorkerCount;

        public Task EnqueueAsync(CancellationToken cancellationToken)
        {
            var now = Stopwatch.GetTimestamp();
            _client.Enqueue(() => NoOpJob.Run(now));
            return Task.CompletedTask;
        }

        public Task StartWorkersAsync(CancellationToken cancellationToken)
        {
            _server = new BackgroundJobServer(new BackgroundJobServerOptions
            {
                WorkerCount = _options.WorkerCount,
                SchedulePollingInterval = _options.PollInterval,
                FilterProvider = _filters,
                Activator = _activator,
                ServerName = $"bench-p9-{Guid.NewGuid():N}"[..20],
            }, _storage);
            return Task.CompletedTask;
        }

        public Task StopWorkersAsync()
        {
            _server?.SendStop();
            _server?.Dispose();
            _server = null;
            return Task.CompletedTask;
        }

        public async ValueTask DisposeAsync() => await StopWorkersAsync();
    }

    /// The minimal PostgreSQL queue: one row per job, taken with FOR UPDATE SKIP LOCKED and deleted in the same transaction.
    private sealed class SkipLockedQueue(string connectionString, int workers, TimeSpan poll) : IBenchQueue
    {
        private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);
        private CancellationTokenSource? _stop;
        private Task[] _workers = [];

        public async Task CreateAsync(CancellationToken cancellationToken)
        {
            await using var command = _source.CreateCommand("CREATE TABLE bench_queue (id bigserial PRIMARY KEY, enqueued_at bigint NOT NULL, job text NOT NULL)");
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public async Task EnqueueAsync(CancellationToken cancellationToken)
        {
            await using var command = _source.CreateCommand("INSERT INTO bench_queue (enqueued_at, job) VALUES ($1, $2)");
            command.Parameters.Add(new NpgsqlParameter { Value = Stopwatch.GetTimestamp() });
            command.Parameters.Add(new NpgsqlParameter { Value = nameof(NoOpJob) });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public Task StartWorkersAsync(CancellationToken cancellationToken)
        {
            _stop = new CancellationTokenSource();
            var stop = _stop.Token;
            _workers = [.. Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(stop), CancellationToken.None))];
            return Task.CompletedTask;
        }

        private async Task WorkAsync(CancellationToken stop)
        {
            await using var connection = await _source.OpenConnectionAsync(stop);
            await using var take = new NpgsqlCommand("SELECT id, enqueued_at FROM bench_queue ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED", connection);
            await using var delete = new NpgsqlCommand("DELETE FROM bench_queue WHERE id = $1", connection);
            var id = new NpgsqlParameter<long>();
            delete.Parameters.Add(id);
            while (!stop.IsCancellationRequested)
            {
                await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
                take.Transaction = transaction;
                delete.Transaction = transaction;
                long? enqueuedAt = null;
                await using (var reader = await take.ExecuteReaderAsync(CancellationToken.None))
                {
                    if (await reader.ReadAsync(CancellationToken.None))
                    {
                        id.TypedValue = reader.GetInt64(0);
                        enqueuedAt = reader.GetInt64(1);
                    }
                }

                if (enqueuedAt is null)
                {
                    await transaction.RollbackAsync(CancellationToken.None);
                    try
                    {
                        await Task.Delay(poll, stop);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }

                    continue;
                }

                NoOpJob.Run(enqueuedAt.Value);
                await delete.ExecuteNonQueryAsync(CancellationToken.None);
                await transaction.CommitAsync(CancellationToken.None);
            }
        }

        public async Task StopWorkersAsync()
        {
            if (_stop is null)
            {
                return;
            }

            await _stop.CancelAsync();
            await Task.WhenAll(_workers);
            _stop.Dispose();
            _stop = null;
        }

        public async ValueTask DisposeAsync()
        {
            await StopWorkersAsync();
            await _source.DisposeAsync();
        }
    }

    /// The in-process floor: an unbounded channel read by the same number of tasks.
    private sealed class ChannelQueue(int workers) : IBenchQueue
    {
        private Channel<long> _channel = Channel.CreateUnbounded<long>();
        private Task[] _workers = [];

        public Task EnqueueAsync(CancellationToken cancellationToken) => _channel.Writer.WriteAsync(Stopwatch.GetTimestamp(), cancellationToken).AsTask();

        public Task StartWorkersAsync(CancellationToken cancellationToken)
        {
            var reader = _channel.Reader;
            _workers = [.. Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
            {
                await foreach (var enqueuedAt in reader.ReadAllAsync(CancellationToken.None))
                {
                    NoOpJob.Run(enqueuedAt);
                }
            }, CancellationToken.None))];
            return Task.CompletedTask;
        }

        /// Completing the channel ends the readers; a new one takes the next backlog.
        public async Task StopWorkersAsync()
        {
            _channel.Writer.TryComplete();
            await Task.WhenAll(_workers);
            _channel = Channel.CreateUnbounded<long>();
        }

        public async ValueTask DisposeAsync() => await StopWorkersAsync();
    }
}
