using PersonalFinance.Bench;
using PersonalFinance.Bench.Host;
using PersonalFinance.Bench.Jobs;
using PersonalFinance.Bench.Load;
using PersonalFinance.Bench.Micro;
using PersonalFinance.Bench.Report;
using PersonalFinance.Bench.Soak;
using PersonalFinance.Bench.Sync;

// Modes: host (the app plus bench-only routes), bare (start-up baseline), http (P1, P2, P8, P10, start-up),
// soak (full flow for many users, memory growth), sync (P6, P7), sandbox (the GoCardless sandbox alone, for sync), jobs (P9),
// micro (BenchmarkDotNet: P3, P4, P5), report (docs/benchmarks.md).
// bench/run.sh runs them in order; none of them is part of the test command.
var mode = args.Length > 0 ? args[0] : "";
var rest = args.Length > 0 ? args[1..] : [];
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return mode switch
{
    "host" => await BenchHost.RunAsync(rest),
    "bare" => await BenchHost.RunBareAsync(rest),
    "http" => await new HttpBench(BenchArgs.Parse(rest)).RunAsync(cancellation.Token),
    "soak" => await new SoakRunner(BenchArgs.Parse(rest)).RunAsync(cancellation.Token),
    "sandbox" => await SandboxChild.RunAsync(rest),
    "sync" => await new SyncBench(BenchArgs.Parse(rest)).RunAsync(cancellation.Token),
    "jobs" => await new JobQueueBench(BenchArgs.Parse(rest)).RunAsync(cancellation.Token),
    "micro" => MicroBenchmarks.Run(BenchArgs.Parse(rest)),
    "report" => ReportWriter.Run(BenchArgs.Parse(rest)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: PersonalFinance.Bench host|bare|http|soak|sync|sandbox|jobs|micro|report [--name value …] (see bench/run.sh)");
    return 2;
}
