using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api;
using PersonalFinance.Api.Data;

namespace PersonalFinance.Bench.Host;

/// The app exactly as AppHost composes it, plus routes that exist only here (S34): baselines, layer probes and counters.
internal static class BenchHost
{
    public const string DatabaseOnlyPath = "/bench/db/accounts";
    public const string DatabaseOnlyUserHeader = "X-Bench-User";

    private static byte[] _baselineAccounts = [];

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = AppHost.CreateConfiguredBuilder(args);
        AppHost.AddAppServices(builder);
        builder.Services.AddSingleton<IStartupFilter, DatabaseOnlyStartupFilter>();
        var app = AppHost.BuildWebApp(builder);
        MapBenchRoutes(app);

        var seedFile = app.Configuration["Bench:SeedFile"];
        if (!string.IsNullOrEmpty(seedFile))
        {
            app.Services.ApplyMigrations();
            var seed = await BenchSeeder.SeedAsync(app.Services, app.Configuration, CancellationToken.None);
            await File.WriteAllTextAsync(seedFile, JsonSerializer.Serialize(seed, BenchJson.Options));
        }

        await app.RunAsync();
        return 0;
    }

    /// The baseline for start-up: a bare WebApplication that maps one route.
    public static async Task<int> RunBareAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        app.MapGet("/health/ready", () => "ok");
        await app.RunAsync();
        return 0;
    }

    private static void MapBenchRoutes(WebApplication app)
    {
        var bench = app.MapGroup("/bench").AllowAnonymous();

        // P1 baseline: the same JSON bytes as GET /api/accounts, from a static array: no auth, no database.
        bench.MapGet("/baseline/accounts", () => Results.Bytes(_baselineAccounts, "application/json; charset=utf-8"));
        bench.MapPut("/baseline/accounts", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            _baselineAccounts = buffer.ToArray();
            return Results.NoContent();
        });

        // P2 layer: JWT validation only. Under /api because the bearer handler reads tokens only there.
        app.MapGet("/api/bench/auth-only", () => Results.Bytes(_baselineAccounts, "application/json; charset=utf-8")).RequireAuthorization();

        bench.MapGet("/memory", (bool? collect) =>
        {
            if (collect == true)
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
                GC.Collect();
            }

            using var process = System.Diagnostics.Process.GetCurrentProcess();
            var info = GC.GetGCMemoryInfo();
            return Results.Json(new MemorySample(process.WorkingSet64, GC.GetTotalMemory(false), info.HeapSizeBytes, GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.CollectionCount(2)), BenchJson.Options);
        });

        // The requisition behind a connection, so the driver can finish consent in the sandbox like a browser would.
        bench.MapGet("/connections/{id:guid}/requisition", async (Guid id, AppDbContext db, CancellationToken cancellationToken) =>
            await db.Connections.AsNoTracking().Where(c => c.Id == id).Select(c => c.ProviderId).SingleOrDefaultAsync(cancellationToken) is { } requisition
                ? Results.Text(requisition)
                : Results.NotFound());

        // P10: what a burst of callbacks wrote (one status transition means version 1, one sync job, one set of accounts).
        bench.MapGet("/connections/{id:guid}/writes", async (Guid id, AppDbContext db, CancellationToken cancellationToken) =>
        {
            var version = await db.Connections.AsNoTracking().Where(c => c.Id == id).Select(c => c.Version).SingleAsync(cancellationToken);
            var jobs = await db.Jobs.AsNoTracking().CountAsync(j => j.EntityId == id, cancellationToken);
            var accounts = await db.Accounts.AsNoTracking().CountAsync(a => a.ConnectionId == id, cancellationToken);
            return Results.Json(new WriteCounts(version, jobs, accounts), BenchJson.Options);
        });
    }

    /// P2's database-only layer: the real GET /api/accounts handler, query and serializer, with the caller's identity
    /// set directly instead of read from a JWT. It runs before the app's pipeline, so routing sees /api/accounts.
    private sealed class DatabaseOnlyStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Path.Equals(DatabaseOnlyPath, StringComparison.Ordinal)
                    && context.Request.Headers.TryGetValue(DatabaseOnlyUserHeader, out var user))
                {
                    context.Request.Path = "/api/accounts";
                    context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", user.ToString())], JwtBearerDefaults.AuthenticationScheme, "sub", null));
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

internal sealed record MemorySample(long WorkingSetBytes, long GcTotalMemoryBytes, long GcHeapSizeBytes, long TotalAllocatedBytes, int Gen0Collections, int Gen2Collections);

internal sealed record WriteCounts(int Version, int Jobs, int Accounts);

internal static class BenchJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };
}
