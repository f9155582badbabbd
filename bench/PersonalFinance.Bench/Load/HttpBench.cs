using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PersonalFinance.Bench.Host;
using PersonalFinance.Bench.Report;

namespace PersonalFinance.Bench.Load;

/// The HTTP items: P1, P2, P8, P10 against one bench host, then start-up to ready against fresh processes.
internal sealed class HttpBench(BenchArgs args)
{
    private readonly TimeSpan _slice = TimeSpan.FromSeconds(args.Double("slice", 10));
    private readonly TimeSpan _warmup = TimeSpan.FromSeconds(args.Double("warmup", 3));
    private readonly int _rounds = args.Int("rounds", 3);
    private readonly int _connections = args.Int("connections", 16);
    private readonly int _loginConcurrency = args.Int("login-concurrency", 4);
    private readonly string _work = args.Require("work");
    private readonly ResultFile _results = new();

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var only = args.Get("only")?.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
        bool Wanted(string id) => only is null || only.Contains(id);

        await using (var host = await LaunchedHost.StartAsync(_work, soakUsers: 0, extra: null, cancellationToken))
        {
            Console.WriteLine($"Bench host {host.BaseAddress} (pid {host.Process.Id})");
            using var driver = new LoadDriver(host.BaseAddress, _connections);
            if (Wanted("P1") || Wanted("P2"))
            {
                await AccountsListAsync(host, driver, cancellationToken);
            }

            if (Wanted("P8"))
            {
                await LoginAsync(host, cancellationToken);
            }

            if (Wanted("P10"))
            {
                await CallbacksAsync(host, cancellationToken);
            }
        }

        if (Wanted("startup"))
        {
            await StartupAsync(cancellationToken);
        }

        _results.Save(args.Require("out"));
        return 0;
    }

    private async Task AccountsListAsync(LaunchedHost host, LoadDriver driver, CancellationToken cancellationToken)
    {
        var token = host.IssueToken(host.Seed.AccountsUserId);
        var client = driver.Client;
        byte[] body;
        using (var request = Authorized(HttpMethod.Get, "/api/accounts", token))
        using (var response = await client.SendAsync(request, cancellationToken))
        {
            response.EnsureSuccessStatusCode();
            body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }

        using (var put = await client.PutAsync("/bench/baseline/accounts", new ByteArrayContent(body), cancellationToken))
        {
            put.EnsureSuccessStatusCode();
        }

        var accounts = JsonDocument.Parse(body).RootElement.GetProperty("accounts");
        var withBalance = accounts.EnumerateArray().Count(a => a.GetProperty("balance").ValueKind == JsonValueKind.Object);
        var ours = new LoadTarget("GET /api/accounts", () => Authorized(HttpMethod.Get, "/api/accounts", token));
        var baseline = new LoadTarget("baseline: static bytes", () => new HttpRequestMessage(HttpMethod.Get, "/bench/baseline/accounts"));
        var authOnly = new LoadTarget("JWT validation only", () => Authorized(HttpMethod.Get, "/api/bench/auth-only", token));
        var databaseOnly = new LoadTarget("EF query only", () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, BenchHost.DatabaseOnlyPath);
            request.Headers.Add(BenchHost.DatabaseOnlyUserHeader, host.Seed.AccountsUserId.ToString());
            return request;
        });

        // Every variant must answer the very same bytes, or the comparison means nothing.
        foreach (var target in new[] { baseline, authOnly, databaseOnly })
        {
            using var request = target.CreateRequest();
            using var response = await client.SendAsync(request, cancellationToken);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK || !bytes.AsSpan().SequenceEqual(body))
            {
                throw new InvalidOperationException($"{target.Name} did not answer the same bytes as GET /api/accounts ({response.StatusCode}).");
            }
        }

        var slices = await InterleaveAsync(driver, [ours, authOnly, databaseOnly, baseline], cancellationToken);
        var setup = $"{_connections} connections, {_rounds} rounds × {_slice.TotalSeconds:0} s slices interleaved (order rotated each round), {_warmup.TotalSeconds:0} s warm-up each; "
            + $"{accounts.GetArrayLength()} accounts ({withBalance} with balances), {body.Length} bytes of JSON; SQLite";
        var p1 = new ItemResult("P1", "GET /api/accounts against the same bytes from a static array", setup, [], []);
        p1.Figures.Add(ThroughputFigure("P1.throughput", slices, ours.Name, baseline.Name, 0.30,
            "The database layer dominates (compare P2: JWT-only stays close to the baseline, EF-only is close to P1). Per request the app opens a pooled SQLite connection, then runs the EF query, whose per-query overhead on SQLite P3 measures; the baseline only copies bytes."));
        p1.Figures.Add(P99Figure("P1.p99", slices, ours.Name, baseline.Name, 3.0,
            "Tail latency follows the per-request database work above, under saturation on 2 cores shared with the load driver."));
        AddErrors(p1, slices);
        _results.Items.Add(p1);

        var p2 = new ItemResult("P2", "P1 split in layers, each against P1's baseline", setup + "; database-only runs the real handler with the identity set without a JWT (bench-only route)", [], []);
        p2.Figures.Add(ThroughputFigure("P2.auth", slices, authOnly.Name, baseline.Name, 0.6,
            "JWT validation (HMAC-SHA256, claims) costs more than copying the response."));
        p2.Figures.Add(ThroughputFigure("P2.database", slices, databaseOnly.Name, baseline.Name, 0.35,
            "The real handler without JWT. Pooled DbContexts and a compiled query took out the per-request context set-up and expression processing "
            + "(seen with dotnet-trace); what remains is the pooled SQLite connection open, EF's command and shaper (P3 prices them against a bare reader) "
            + "and the serializer."));
        AddErrors(p2, slices);
        _results.Items.Add(p2);
    }

    private async Task LoginAsync(LaunchedHost host, CancellationToken cancellationToken)
    {
        using var driver = new LoadDriver(host.BaseAddress, _loginConcurrency);
        var payload = JsonSerializer.SerializeToUtf8Bytes(new { username = host.Seed.LoginUsername, password = host.Seed.LoginPassword });
        var login = new LoadTarget("POST /auth/login", () => new HttpRequestMessage(HttpMethod.Post, "/auth/login")
        {
            Content = new ByteArrayContent(payload) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        });

        // The same KDF the app's PasswordHasher uses (IdentityV3: PBKDF2-HMAC-SHA512, 210,000 iterations, 32 bytes).
        var password = Encoding.UTF8.GetBytes(host.Seed.LoginPassword);
        var salt = RandomNumberGenerator.GetBytes(16);
        const string LoopName = "PBKDF2 loop";
        Func<CancellationToken, ValueTask<bool>> pbkdf2 = _ =>
        {
            var key = Rfc2898DeriveBytes.Pbkdf2(password, salt, 210_000, HashAlgorithmName.SHA512, 32);
            return ValueTask.FromResult(key.Length == 32);
        };

        var slices = new List<SliceResult>
        {
            await driver.RunAsync(login, _warmup, 0, cancellationToken),
            await LoadDriver.MeasureAsync(LoopName, 0, _loginConcurrency, _warmup, pbkdf2, cancellationToken),
        };
        for (var round = 1; round <= _rounds; round++)
        {
            var loginFirst = round % 2 == 1;
            for (var i = 0; i < 2; i++)
            {
                slices.Add(i == 0 == loginFirst
                    ? await driver.RunAsync(login, _slice, round, cancellationToken)
                    : await LoadDriver.MeasureAsync(LoopName, round, _loginConcurrency, _slice, pbkdf2, cancellationToken));
                Console.WriteLine($"  {slices[^1]}");
            }
        }

        var measured = slices.Where(s => s.Round > 0).ToList();
        var item = new ItemResult("P8", "POST /auth/login (right password, limiter not binding) against a PBKDF2 loop",
            $"{_loginConcurrency} concurrent callers for both, {_rounds} rounds × {_slice.TotalSeconds:0} s interleaved; PBKDF2-HMAC-SHA512, 210,000 iterations, 32-byte key; the loop runs in the driver process while the host idles",
            [], []);
        item.Figures.Add(ThroughputFigure("P8.throughput", measured, login.Name, LoopName, 0.85,
            "A login is one hash plus four database round trips (lockout check, user, lockout reset, refresh-token insert), and the hash runs behind a gate of one per core."));
        AddErrors(item, measured);
        _results.Items.Add(item);
    }

    private async Task CallbacksAsync(LaunchedHost host, CancellationToken cancellationToken)
    {
        var trials = args.Int("callback-trials", 8);
        const int Burst = 50;
        var token = host.IssueToken(host.Seed.CallbackUserId);
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Burst, UseCookies = false, AllowAutoRedirect = false, UseProxy = false })
        {
            BaseAddress = host.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        // Callbacks come from a browser: no bearer token.
        using var browser = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Burst, UseCookies = false, AllowAutoRedirect = false, UseProxy = false })
        {
            BaseAddress = host.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

        var single = new List<double>();
        var burst = new List<double>();
        var notes = new List<string>();
        var transitionsOk = 0;
        var errors = 0;
        // Warm-up: one linked connection through the whole path.
        await CallbackOnceAsync(browser, await LinkableAsync(client, cancellationToken), cancellationToken);
        // A p99 needs more than a handful of samples: several single callbacks go before each burst.
        const int SinglesPerBurst = 5;
        var refs = 0;
        for (var trial = 0; trial < trials * (SinglesPerBurst + 1); trial++)
        {
            var callback = await LinkableAsync(client, cancellationToken);
            if (trial % (SinglesPerBurst + 1) != SinglesPerBurst)
            {
                var (ms, ok) = await CallbackOnceAsync(browser, callback, cancellationToken);
                single.Add(ms);
                errors += ok ? 0 : 1;
            }
            else
            {
                using var start = new SemaphoreSlim(0, Burst);
                var tasks = Enumerable.Range(0, Burst).Select(async _ =>
                {
                    await start.WaitAsync(cancellationToken);
                    return await CallbackOnceAsync(browser, callback, cancellationToken);
                }).ToList();
                start.Release(Burst);
                var results = await Task.WhenAll(tasks);
                burst.AddRange(results.Select(r => r.Ms));
                errors += results.Count(r => !r.Ok);
            }

            refs++;
            var writes = await client.GetFromJsonAsync<WriteCounts>($"/bench/connections/{callback.ConnectionId}/writes", BenchJson.Options, cancellationToken);
            if (writes is { Version: 1, Jobs: 1 } && writes.Accounts == callback.ExpectedAccounts)
            {
                transitionsOk++;
            }
            else
            {
                notes.Add($"Trial {trial}: version {writes?.Version}, jobs {writes?.Jobs}, accounts {writes?.Accounts} (expected 1, 1, {callback.ExpectedAccounts}).");
            }
        }

        var singleP99 = LoadDriver.Percentile(single, 0.99);
        var burstP99 = LoadDriver.Percentile(burst, 0.99);
        var item = new ItemResult("P10", "50 concurrent callbacks with one ref against one callback alone",
            $"{trials} bursts of {Burst} concurrent GET /api/connections/callback with one ref, each after {SinglesPerBurst} single callbacks; each ref on a freshly created connection whose consent was completed in the built-in sandbox",
            [], notes);
        item.Figures.Add(new Figure("P10.p99", "p99 latency (ms)", burstP99, singleP99, "ms", burstP99 / singleP99, TargetKind.Ceiling, 5.0,
            $"burst p50 {LoadDriver.Percentile(burst, 0.5):0.0} ms over {burst.Count} calls; single p50 {LoadDriver.Percentile(single, 0.5):0.0} ms over {single.Count} calls",
            "All 50 callbacks each read the requisition from GoCardless (the built-in sandbox, on the same 2 cores) and run two UPDATEs that serialize on SQLite's single writer; the winner also reads the agreement and the accounts before its redirect. The single call has none of that queueing."));
        item.Notes.Insert(0, $"Database writes per ref: {transitionsOk} of {refs} refs made exactly one status transition (connection version 1, one sync job, one set of accounts); {errors} callbacks did not answer 302 → success.");
        _results.Items.Add(item);
    }

    private sealed record Linkable(Guid ConnectionId, string CallbackPath, int ExpectedAccounts);

    private static async Task<Linkable> LinkableAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var created = await client.PostAsJsonAsync("/api/connections", new { institution_id = "SANDBOXFINANCE_SFIN0000", friendly_name = "Bench bank" }, cancellationToken);
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetGuid();
        var requisition = await client.GetStringAsync($"/bench/connections/{id}/requisition", cancellationToken);
        using var complete = await client.PostAsJsonAsync($"/sandbox/gocardless/_sandbox/requisitions/{requisition}/complete", new { outcome = "linked", psu = "bench" }, cancellationToken);
        complete.EnsureSuccessStatusCode();
        var redirect = new Uri((await complete.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("redirect_url").GetString()!);
        // SANDBOXFINANCE_SFIN0000 links two accounts, like the real sandbox.
        return new Linkable(id, redirect.PathAndQuery, 2);
    }

    private static async Task<(double Ms, bool Ok)> CallbackOnceAsync(HttpClient client, Linkable linkable, CancellationToken cancellationToken)
    {
        var before = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Get, linkable.CallbackPath);
        using var response = await client.SendAsync(request, cancellationToken);
        var ms = Stopwatch.GetElapsedTime(before).TotalMilliseconds;
        var ok = response.StatusCode == HttpStatusCode.Redirect
            && response.Headers.Location?.ToString().EndsWith("callback=success", StringComparison.Ordinal) == true;
        return (ms, ok);
    }

    private async Task StartupAsync(CancellationToken cancellationToken)
    {
        var apiDll = args.Get("api-dll") is { } dll ? Path.GetFullPath(dll) : null;
        if (apiDll is null || !File.Exists(apiDll))
        {
            Console.WriteLine("Start-up item skipped: --api-dll not given.");
            return;
        }

        // A migrated, seeded database for the app to find at start: the bench host prepares it, then stops.
        string database;
        await using (var host = await LaunchedHost.StartAsync(_work, 0, null, cancellationToken))
        {
            database = host.DatabasePath;
        }

        var runs = args.Int("startup-runs", 5);
        var ours = new List<double>();
        var bare = new List<double>();
        var work = Path.Combine(_work, "startup");
        Directory.CreateDirectory(work);
        var signingKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        for (var i = 0; i < runs * 2; i++)
        {
            var port = ChildProcess.FreePort();
            var isOurs = i % 2 == 0;
            var environment = isOurs
                ? LaunchedHost.HostEnvironment(port, signingKey, $"Data Source={database}")
                : new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Logging__LogLevel__Default"] = "Warning" };
            await using var process = ChildProcess.Start(isOurs ? apiDll : LaunchedHost.BenchDll, isOurs ? [] : ["bare"], environment, work, Path.Combine(work, "startup.log"), port);
            var ready = await process.WaitUntilReadyAsync("/health/ready", TimeSpan.FromMinutes(2), cancellationToken);
            (isOurs ? ours : bare).Add(ready.TotalMilliseconds);
        }

        var oursMs = LoadDriver.Median(ours);
        var bareMs = LoadDriver.Median(bare);
        var item = new ItemResult("Start-up", "Process start to /health/ready 200 against a bare WebApplication mapping one route",
            $"{runs} cold starts each, alternating; `dotnet PersonalFinance.Api.dll` in Production on a migrated SQLite file (ready checks the database) vs `dotnet PersonalFinance.Bench.dll bare`; polled every 5 ms",
            [], []);
        item.Figures.Add(new Figure("Startup.time", "time to ready (ms), ratio = ours ÷ bare", oursMs, bareMs, "ms", oursMs / bareMs, TargetKind.None, null,
            $"ours {string.Join(" / ", ours.Select(v => v.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))} ms; bare {string.Join(" / ", bare.Select(v => v.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))} ms"));
        _results.Items.Add(item);
    }

    private async Task<List<SliceResult>> InterleaveAsync(LoadDriver driver, IReadOnlyList<LoadTarget> targets, CancellationToken cancellationToken)
    {
        var slices = new List<SliceResult>();
        foreach (var target in targets)
        {
            Console.WriteLine($"  warm-up {await driver.RunAsync(target, _warmup, 0, cancellationToken)}");
        }

        for (var round = 1; round <= _rounds; round++)
        {
            for (var i = 0; i < targets.Count; i++)
            {
                var target = targets[(i + round - 1) % targets.Count];
                var slice = await driver.RunAsync(target, _slice, round, cancellationToken);
                Console.WriteLine($"  {slice}");
                slices.Add(slice);
            }
        }

        return slices;
    }

    /// Median over rounds of (ours ÷ baseline in the same round); ours and baseline are the medians of their slices.
    private static Figure ThroughputFigure(string key, IReadOnlyList<SliceResult> slices, string ours, string baseline, double target, string why)
    {
        var (o, b, ratios) = PerRound(slices, ours, baseline, s => s.RequestsPerSecond);
        return new Figure(key, $"throughput: {ours}", LoadDriver.Median(o), LoadDriver.Median(b), "req/s", LoadDriver.Median(ratios), TargetKind.Floor, target,
            $"ours {Join(o)} req/s; baseline {Join(b)} req/s; per-round ratios {Join(ratios, "0.00")}", why);
    }

    private static Figure P99Figure(string key, IReadOnlyList<SliceResult> slices, string ours, string baseline, double target, string why)
    {
        var (o, b, ratios) = PerRound(slices, ours, baseline, s => s.P99Ms);
        var (p50o, p50b, _) = PerRound(slices, ours, baseline, s => s.P50Ms);
        return new Figure(key, $"p99 latency: {ours}", LoadDriver.Median(o), LoadDriver.Median(b), "ms", LoadDriver.Median(ratios), TargetKind.Ceiling, target,
            $"p99 ours {Join(o, "0.00")} ms, baseline {Join(b, "0.00")} ms; p50 ours {Join(p50o, "0.00")} ms, baseline {Join(p50b, "0.00")} ms", why);
    }

    private static (List<double> Ours, List<double> Baseline, List<double> Ratios) PerRound(IReadOnlyList<SliceResult> slices, string ours, string baseline, Func<SliceResult, double> value)
    {
        var o = slices.Where(s => s.Name == ours && s.Round > 0).OrderBy(s => s.Round).ToList();
        var b = slices.Where(s => s.Name == baseline && s.Round > 0).OrderBy(s => s.Round).ToList();
        var ratios = o.Zip(b, (x, y) => value(x) / value(y)).ToList();
        return (o.Select(value).ToList(), b.Select(value).ToList(), ratios);
    }

    private static void AddErrors(ItemResult item, IEnumerable<SliceResult> slices)
    {
        var failed = slices.Where(s => s.Errors > 0).ToList();
        item.Notes.Add(failed.Count == 0
            ? "Every measured request answered the expected status."
            : $"Errors: {string.Join("; ", failed.Select(s => $"{s.Name} round {s.Round}: {s.Errors} of {s.Requests}"))}.");
    }

    private static string Join(IEnumerable<double> values, string format = "0") =>
        string.Join(" / ", values.Select(v => v.ToString(format, System.Globalization.CultureInfo.InvariantCulture)));

    private static HttpRequestMessage Authorized(HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
