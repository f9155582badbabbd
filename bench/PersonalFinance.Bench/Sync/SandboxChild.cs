using GoCardless.Sandbox;

namespace PersonalFinance.Bench.Sync;

/// The GoCardless sandbox alone in a process of its own (bench mode "sandbox"), so the process that syncs pays only for its
/// own work. Open quotas: no per-account daily limit and no company-wide limits; control endpoints on for faults.
internal static class SandboxChild
{
    public const string ReadyPath = "/_sandbox/clock";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        builder.Services.AddGoCardlessSandbox(options =>
        {
            options.PerScopeDailyLimit = 0;
            options.GeneralLimits = false;
            options.EnableControlEndpoints = true;
        });
        var app = builder.Build();
        app.MapGoCardlessSandbox();
        await app.RunAsync();
        return 0;
    }
}
