using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using PersonalFinance.Bench.Host;
using PersonalFinance.Bench.Report;

namespace PersonalFinance.Bench.Soak;

/// Many users running the whole flow in parallel for a bounded time against one bench host: sign in, create a
/// connection, consent in the sandbox, callback, list accounts and transactions, sync now, delete. Errors must be 0;
/// memory at start and end is reported.
internal sealed class SoakRunner(BenchArgs args)
{
    private readonly ConcurrentDictionary<string, int> _errors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _outcomes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _firstDetails = new(StringComparer.Ordinal);
    private long _requests;
    private long _cycles;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var users = args.Int("users", 20);
        var duration = TimeSpan.FromSeconds(args.Double("duration", 120));
        var maxCycles = args.Int("max-cycles", 5000);
        await using var host = await LaunchedHost.StartAsync(args.Require("work"), users, null, cancellationToken);
        Console.WriteLine($"Soak: {users} users for {duration.TotalSeconds:0} s against {host.BaseAddress}");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = users * 2, UseCookies = false, AllowAutoRedirect = false, UseProxy = false })
        {
            BaseAddress = host.BaseAddress,
            Timeout = TimeSpan.FromSeconds(120),
        };

        // One warm-up cycle per user, then the starting memory after a full collection.
        await Task.WhenAll(host.Seed.SoakUsers.Select(u => CycleAsync(http, u, cancellationToken)));
        var warmupErrors = _errors.Values.Sum();
        var start = await MemoryAsync(http, collect: true, cancellationToken);
        var clock = Stopwatch.StartNew();
        var workers = host.Seed.SoakUsers.Select(async user =>
        {
            while (clock.Elapsed < duration && Interlocked.Read(ref _cycles) < maxCycles && !cancellationToken.IsCancellationRequested)
            {
                await CycleAsync(http, user, cancellationToken);
                Interlocked.Increment(ref _cycles);
            }
        });
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed;
        var endRaw = await MemoryAsync(http, collect: false, cancellationToken);
        var end = await MemoryAsync(http, collect: true, cancellationToken);
        var errors = _errors.Values.Sum();

        var item = new ItemResult("Soak", "Full flow for many users in parallel: errors and memory growth",
            $"{users} users in parallel for {elapsed.TotalSeconds:0} s (bounded to {duration.TotalSeconds:0} s and {maxCycles} cycles), loopback only; "
            + "each cycle: login, create connection, sandbox consent (_sandbox/requisitions/<id>/complete), callback, list accounts, list transactions, sync now, delete; SQLite",
            [], []);
        item.Figures.Add(new Figure("Soak.errors", "errors (must be 0)", errors, 0, "errors", errors, TargetKind.Ceiling, 0,
            $"{_cycles} cycles, {_requests} requests; {warmupErrors} errors in warm-up"
            + (errors > 0 ? "; " + string.Join(", ", _errors.Select(e => $"{e.Key}: {e.Value}")) : ""),
            "See the notes: every failed step is listed by name and status."));
        item.Figures.Add(new Figure("Soak.heap", "GC heap after a full collection, end ÷ start", end.GcHeapSizeBytes / 1048576.0, start.GcHeapSizeBytes / 1048576.0, "MiB",
            (double)end.GcHeapSizeBytes / start.GcHeapSizeBytes, TargetKind.None, null,
            $"GC.GetTotalMemory start {start.GcTotalMemoryBytes / 1048576.0:0.0} MiB, end {end.GcTotalMemoryBytes / 1048576.0:0.0} MiB; before the final collection {endRaw.GcHeapSizeBytes / 1048576.0:0.0} MiB; "
            + $"{(end.TotalAllocatedBytes - start.TotalAllocatedBytes) / 1048576.0:N0} MiB allocated during the soak, {end.Gen2Collections - start.Gen2Collections} gen2 collections"));
        item.Figures.Add(new Figure("Soak.workingset", "working set, end ÷ start", end.WorkingSetBytes / 1048576.0, start.WorkingSetBytes / 1048576.0, "MiB",
            (double)end.WorkingSetBytes / start.WorkingSetBytes, TargetKind.None, null, $"server GC; working set before the final collection {endRaw.WorkingSetBytes / 1048576.0:0} MiB"));
        foreach (var (key, body) in _firstDetails.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            item.Notes.Add($"First answer of *{key}*: `{body.ReplaceLineEndings(" ")}`");
        }

        item.Notes.Add("Outcomes: " + string.Join(", ", _outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {o.Value}")) + ".");
        var results = new ResultFile();
        results.Items.Add(item);
        results.Save(args.Require("out"));
        Console.WriteLine($"Soak: {_cycles} cycles, {_requests} requests, {errors} errors; heap {start.GcHeapSizeBytes / 1048576.0:0.0} → {end.GcHeapSizeBytes / 1048576.0:0.0} MiB");
        return errors == 0 ? 0 : 1;
    }

    private async Task CycleAsync(HttpClient http, SoakUser user, CancellationToken cancellationToken)
    {
        try
        {
            using var login = await SendAsync(http, "login", HttpMethod.Post, "/auth/login", null, new { username = user.Username, password = user.Password }, [HttpStatusCode.OK], cancellationToken);
            if (login is null)
            {
                return;
            }

            var token = (await login.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("access_token").GetString()!;
            using var created = await SendAsync(http, "create connection", HttpMethod.Post, "/api/connections", token,
                new { institution_id = "SANDBOXFINANCE_SFIN0000", friendly_name = "Soak bank" }, [HttpStatusCode.Created], cancellationToken);
            if (created is null)
            {
                return;
            }

            var connectionId = (await created.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetGuid();
            using var requisition = await SendAsync(http, "requisition id", HttpMethod.Get, $"/bench/connections/{connectionId}/requisition", null, null, [HttpStatusCode.OK], cancellationToken);
            var requisitionId = requisition is null ? null : await requisition.Content.ReadAsStringAsync(cancellationToken);
            using var consent = requisitionId is null ? null : await SendAsync(http, "sandbox consent", HttpMethod.Post,
                $"/sandbox/gocardless/_sandbox/requisitions/{requisitionId}/complete", null, new { outcome = "linked", psu = user.Username }, [HttpStatusCode.OK], cancellationToken);
            if (consent is not null)
            {
                var redirect = new Uri((await consent.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("redirect_url").GetString()!);
                using var callback = await SendAsync(http, "callback", HttpMethod.Get, redirect.PathAndQuery, null, null, [HttpStatusCode.Redirect], cancellationToken);
                if (callback is not null && callback.Headers.Location?.ToString().EndsWith("callback=success", StringComparison.Ordinal) != true)
                {
                    _errors.AddOrUpdate("callback: not success", 1, (_, n) => n + 1);
                }

                using var accounts = await SendAsync(http, "list accounts", HttpMethod.Get, $"/api/accounts?connection_id={connectionId}", token, null, [HttpStatusCode.OK], cancellationToken);
                if (accounts is not null)
                {
                    var list = (await accounts.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("accounts");
                    if (list.GetArrayLength() == 0)
                    {
                        _errors.AddOrUpdate("list accounts: empty", 1, (_, n) => n + 1);
                    }

                    foreach (var account in list.EnumerateArray())
                    {
                        using var transactions = await SendAsync(http, "list transactions", HttpMethod.Get,
                            $"/api/transactions?account_id={account.GetProperty("id").GetGuid()}", token, null, [HttpStatusCode.OK], cancellationToken);
                    }
                }

                // 202 queued, or 409 when the sync the callback queued is still pending or running: both are the documented answers.
                using var sync = await SendAsync(http, "sync now", HttpMethod.Post, $"/api/connections/{connectionId}/sync", token, null,
                    [HttpStatusCode.Accepted, HttpStatusCode.Conflict, HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed], cancellationToken);
            }

            using var deleted = await SendAsync(http, "delete connection", HttpMethod.Delete, $"/api/connections/{connectionId}", token, null, [HttpStatusCode.NoContent], cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            _errors.AddOrUpdate($"exception {exception.GetType().Name}", 1, (_, n) => n + 1);
        }
    }

    private async Task<HttpResponseMessage?> SendAsync(HttpClient http, string step, HttpMethod method, string path, string? token, object? body,
        HttpStatusCode[] expected, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        var response = await http.SendAsync(request, cancellationToken);
        Interlocked.Increment(ref _requests);
        _outcomes.AddOrUpdate($"{step} {(int)response.StatusCode}", 1, (_, n) => n + 1);
        if (Array.IndexOf(expected, response.StatusCode) >= 0)
        {
            return response;
        }

        var key = $"{step} {(int)response.StatusCode}";
        _errors.AddOrUpdate(key, 1, (_, n) => n + 1);
        if (!_firstDetails.ContainsKey(key))
        {
            var answer = await response.Content.ReadAsStringAsync(cancellationToken);
            _firstDetails.TryAdd(key, answer.Length > 300 ? answer[..300] : answer);
        }

        response.Dispose();
        return null;
    }

    private static async Task<MemorySample> MemoryAsync(HttpClient http, bool collect, CancellationToken cancellationToken) =>
        (await http.GetFromJsonAsync<MemorySample>($"/bench/memory?collect={(collect ? "true" : "false")}", BenchJson.Options, cancellationToken))!;
}
