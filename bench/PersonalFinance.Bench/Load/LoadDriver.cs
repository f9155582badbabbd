using System.Diagnostics;
using System.Net;

namespace PersonalFinance.Bench.Load;

/// One HTTP request shape to put under load; a fresh message per send, as HttpClient requires.
internal sealed record LoadTarget(string Name, Func<HttpRequestMessage> CreateRequest, HttpStatusCode ExpectedStatus = HttpStatusCode.OK);

/// One slice of one target: how many requests completed in the slice and how long they took.
internal sealed record SliceResult(string Name, int Round, double Seconds, long Requests, long Errors, double RequestsPerSecond, double P50Ms, double P99Ms);

/// A bounded loopback load generator: N connections, each with one request in flight, for a fixed time.
internal sealed class LoadDriver : IDisposable
{
    private readonly HttpClient _client;
    private readonly int _connections;

    public LoadDriver(Uri baseAddress, int connections)
    {
        if (!baseAddress.IsLoopback)
        {
            throw new ArgumentException("The load driver only talks to loopback addresses.", nameof(baseAddress));
        }

        _connections = connections;
        _client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
            AllowAutoRedirect = false,
            UseProxy = false,
        })
        { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Client => _client;

    public Task<SliceResult> RunAsync(LoadTarget target, TimeSpan duration, int round, CancellationToken cancellationToken) =>
        MeasureAsync(target.Name, round, _connections, duration, async token =>
        {
            using var request = target.CreateRequest();
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, token);
            return response.StatusCode == target.ExpectedStatus;
        }, cancellationToken);

    /// The same measurement around any operation, e.g. a PBKDF2 loop with the login's concurrency.
    public static async Task<SliceResult> MeasureAsync(string name, int round, int concurrency, TimeSpan duration,
        Func<CancellationToken, ValueTask<bool>> operation, CancellationToken cancellationToken)
    {
        var latencies = new List<long>[concurrency];
        var errors = new long[concurrency];
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = new Task[concurrency];
        for (var w = 0; w < concurrency; w++)
        {
            var index = w;
            latencies[index] = new List<long>(4096);
            workers[index] = Task.Run(async () =>
            {
                while (Stopwatch.GetTimestamp() < end && !cancellationToken.IsCancellationRequested)
                {
                    var before = Stopwatch.GetTimestamp();
                    bool ok;
                    try
                    {
                        ok = await operation(cancellationToken);
                    }
                    catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
                    {
                        ok = false;
                    }

                    latencies[index].Add(Stopwatch.GetTimestamp() - before);
                    if (!ok)
                    {
                        errors[index]++;
                    }
                }
            }, cancellationToken);
        }

        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        var requests = all.LongLength;
        return new SliceResult(name, round, elapsed, requests, errors.Sum(), requests / elapsed, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    public static double Percentile(long[] sortedTicks, double quantile)
    {
        if (sortedTicks.Length == 0)
        {
            return double.NaN;
        }

        var index = (int)Math.Ceiling(quantile * sortedTicks.Length) - 1;
        return sortedTicks[Math.Clamp(index, 0, sortedTicks.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }

    public static double Percentile(IReadOnlyList<double> values, double quantile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var index = (int)Math.Ceiling(quantile * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public void Dispose() => _client.Dispose();
}
