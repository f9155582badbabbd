using System.Collections.Concurrent;
using System.Diagnostics;

namespace PersonalFinance.Bench.Jobs;

/// P9's job: does nothing but note when it started, against the Stopwatch timestamp taken when it was enqueued (one
/// process, so the two clocks are the same). Public and static because Hangfire invokes it by name.
public static class NoOpJob
{
    private static ConcurrentQueue<(long Enqueued, long Started)> _starts = new();
    private static int _target = int.MaxValue;
    private static TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static void Run(long enqueuedAt)
    {
        _starts.Enqueue((enqueuedAt, Stopwatch.GetTimestamp()));
        if (_starts.Count >= Volatile.Read(ref _target))
        {
            _reached.TrySetResult();
        }
    }

    /// Starts a new measurement that completes when <paramref name="count"/> jobs have started.
    internal static Task Expect(int count)
    {
        _starts = new ConcurrentQueue<(long, long)>();
        _reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _target, count);
        return _reached.Task;
    }

    internal static IReadOnlyList<(long Enqueued, long Started)> Starts => [.. _starts];
}
