using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using PersonalFinance.Bench.Report;

namespace PersonalFinance.Bench.Micro;

/// Runs the BenchmarkDotNet items in this process (server GC, short jobs) and turns their summaries into report items.
internal static class MicroBenchmarks
{
    public static int Run(BenchArgs args)
    {
        var work = args.Require("work");
        Directory.CreateDirectory(work);
        Environment.SetEnvironmentVariable("PF_BENCH_WORK", work);
        if (args.Get("postgres") is { } postgres)
        {
            Environment.SetEnvironmentVariable("PF_BENCH_POSTGRES", postgres);
        }

        if (args.Get("rows") is { } rows)
        {
            Environment.SetEnvironmentVariable("PF_BENCH_ROWS", rows);
        }

        var only = args.Get("only")?.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
        bool Wanted(string id) => only is null || only.Contains(id);
        var results = new ResultFile();
        var artifacts = Path.Combine(work, "BenchmarkDotNet.Artifacts");

        if (Wanted("P3"))
        {
            var summary = BenchmarkRunner.Run<AccountsQueryBenchmarks>(Config(artifacts, Job.Default
                .WithWarmupCount(3).WithIterationCount(8).WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250))));
            results.Items.Add(P3(summary));
        }

        if (Wanted("P5"))
        {
            var summary = BenchmarkRunner.Run<SqliteUpsertBenchmarks>(Config(artifacts, UpsertJob()));
            results.Items.Add(Upsert("P5", "Transaction upsert on SQLite against raw INSERT in one transaction with one reused command", summary,
                new Dictionary<string, double> { ["Initial"] = 0.5, ["Replay"] = 0.8 }));
        }

        if (Wanted("P4"))
        {
            if (BenchDatabases.PostgresAdmin is null)
            {
                Console.WriteLine("P4 skipped: no PostgreSQL server (--postgres).");
            }
            else
            {
                var summary = BenchmarkRunner.Run<PostgresUpsertBenchmarks>(Config(artifacts, UpsertJob()));
                results.Items.Add(Upsert("P4", "Transaction upsert on PostgreSQL against binary COPY into an empty table", summary,
                    new Dictionary<string, double> { ["Initial"] = 0.3, ["Replay"] = 0.3, ["Changed10"] = 0.3 }));
            }
        }

        results.Save(args.Require("out"));
        return 0;
    }

    /// One launch in this process (no generated projects to build), server GC as the process already runs.
    private static ManualConfig Config(string artifacts, Job job)
    {
        var config = ManualConfig.CreateMinimumViable()
            .AddJob(job.WithToolchain(InProcessEmitToolchain.Instance).WithGcServer(true).WithGcConcurrent(true))
            .AddLogger(ConsoleLogger.Default)
            .WithArtifactsPath(artifacts)
            .WithOptions(ConfigOptions.DisableLogFile | ConfigOptions.JoinSummary);
        return config;
    }

    /// Seconds-long operations: each invocation is one whole write on prepared tables. No warm-up invocation: the set-up
    /// already ran the writer over all rows once, and a second pass would cost more time than the run can spare.
    private static Job UpsertJob() => Job.Default
        .WithStrategy(RunStrategy.Monitoring)
        .WithLaunchCount(1)
        .WithWarmupCount(0)
        .WithIterationCount(3)
        .WithInvocationCount(1)
        .WithUnrollFactor(1);

    private static ItemResult P3(Summary summary)
    {
        var item = new ItemResult("P3", "EF no-tracking projection of the accounts list against a DbDataReader over the same SQL and connection",
            "BenchmarkDotNet in-process, server GC, 3 warm-up + 8 measured iterations of 250 ms; 20 accounts among 201 users' 4,020; one open connection; the reader runs EF's command text and parameters in a new command per call, as a hand-written handler would", [], []);
        foreach (var provider in summary.Reports.Select(r => Param(r, "Provider")).Distinct())
        {
            var ef = Find(summary, provider, nameof(AccountsQueryBenchmarks.EfProjectionAsync));
            var reader = Find(summary, provider, nameof(AccountsQueryBenchmarks.ReaderAsync));
            if (ef is null || reader is null)
            {
                item.Notes.Add($"{provider}: no result.");
                continue;
            }

            var efNs = ef.ResultStatistics!.Median;
            var readerNs = reader.ResultStatistics!.Median;
            item.Figures.Add(new Figure($"P3.speed.{provider}", $"speed ({provider}), ratio = reader time ÷ EF time", efNs / 1000, readerNs / 1000, "µs/op",
                readerNs / efNs, TargetKind.Floor, 0.4,
                $"median of {ef.ResultStatistics.N} iterations: EF {efNs / 1000:0.0} µs (mean {ef.ResultStatistics.Mean / 1000:0.0}), reader {readerNs / 1000:0.0} µs (mean {reader.ResultStatistics.Mean / 1000:0.0})",
                "Same SQL and connection, so the gap is EF's client side (parameter extraction, query-cache lookup, command creation, shaper with money/UTC/enum converters) on a 20-row result; on SQLite it is several times the reader's own cost. Not yet profiled."));
            var efBytes = ef.GcStats.GetBytesAllocatedPerOperation(ef.BenchmarkCase) ?? 0;
            var readerBytes = reader.GcStats.GetBytesAllocatedPerOperation(reader.BenchmarkCase) ?? 0;
            item.Figures.Add(new Figure($"P3.alloc.{provider}", $"allocations ({provider}), ratio = EF ÷ reader", efBytes / 1024.0, readerBytes / 1024.0, "KiB/op",
                readerBytes == 0 ? double.NaN : (double)efBytes / readerBytes, TargetKind.None, null, $"EF {efBytes:N0} B/op, reader {readerBytes:N0} B/op"));
        }

        return item;
    }

    private static ItemResult Upsert(string id, string title, Summary summary, Dictionary<string, double> targets)
    {
        var rows = UpsertData.Rows;
        var item = new ItemResult(id, title,
            $"BenchmarkDotNet in-process, server GC, monitoring strategy: 3 measured invocations per case after a set-up that ran the writer once; {rows:N0} rows; " + UpsertData.OursDescription, [], []);
        var baseline = summary.Reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.Baseline);
        if (baseline?.ResultStatistics is null)
        {
            item.Notes.Add("The baseline produced no result.");
            return item;
        }

        var baselineRowsPerSecond = rows / (baseline.ResultStatistics.Median / 1e9);
        foreach (var report in summary.Reports.Where(r => !r.BenchmarkCase.Descriptor.Baseline && r.ResultStatistics is not null))
        {
            var scenario = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
            var oursRowsPerSecond = rows / (report.ResultStatistics!.Median / 1e9);
            var target = targets.GetValueOrDefault(scenario);
            // Keyed apart from the earlier stand-in upsert's ratios: the app's writer is a different measurement, not a regression of it.
            item.Figures.Add(new Figure($"{id}.writer.{scenario}", $"rows/s: {report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\'')}", oursRowsPerSecond, baselineRowsPerSecond, "rows/s",
                oursRowsPerSecond / baselineRowsPerSecond, targets.ContainsKey(scenario) ? TargetKind.Floor : TargetKind.None, targets.ContainsKey(scenario) ? target : null,
                $"median {report.ResultStatistics.Median / 1e6:N0} ms (runs {string.Join(" / ", report.ResultStatistics.OriginalValues.Select(v => (v / 1e6).ToString("N0", CultureInfo.InvariantCulture)))} ms); baseline median {baseline.ResultStatistics.Median / 1e6:N0} ms",
                UpsertData.WhyMissed));
        }

        return item;
    }

    private static BenchmarkReport? Find(Summary summary, string provider, string method) =>
        summary.Reports.FirstOrDefault(r => Param(r, "Provider") == provider
            && r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method && r.ResultStatistics is not null);

    private static string Param(BenchmarkReport report, string name) =>
        report.BenchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == name)?.Value?.ToString() ?? "";
}
