using GoCardless.BankAccountData;
using GoCardless.Sandbox;
using Microsoft.Extensions.Options;
using PersonalFinance.Api.Http;

namespace PersonalFinance.Api.GoCardlessStore;

/// Chooses between the real GoCardless API and the built-in sandbox: with no secrets configured the sandbox is
/// mounted inside the app and the client talks to it over HTTP like it would to GoCardless.
internal static partial class GoCardlessSetup
{
    public const string SandboxPrefix = "/sandbox/gocardless";
    private const string SectionName = "GoCardless";

    public static bool UsesBuiltInSandbox(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration[$"{SectionName}:SecretId"]) && string.IsNullOrWhiteSpace(configuration[$"{SectionName}:SecretKey"]);

    public static IServiceCollection AddGoCardless(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var useSandbox = UsesBuiltInSandbox(configuration);
        if (useSandbox)
        {
            services.AddGoCardlessSandbox(sandbox => ConfigureSandbox(sandbox, configuration, environment));
        }

        services.AddGoCardlessBankAccountData(configuration.GetSection(SectionName));
        if (useSandbox)
        {
            services.AddOptions<GoCardlessOptions>().Configure<IOptions<SandboxOptions>, IOptions<AppUrlOptions>>((client, sandbox, urls) =>
            {
                client.SecretId = sandbox.Value.SecretId;
                client.SecretKey = sandbox.Value.SecretKey;
                client.BaseAddress = new Uri($"{urls.Value.PublicUrl.TrimEnd('/')}{SandboxPrefix}/api/v2/");
            });
        }

        return services;
    }

    /// The built-in sandbox's settings, shared by the mounted sandbox and the one the CLI verbs start.
    public static void ConfigureSandbox(SandboxOptions sandbox, IConfiguration configuration, IHostEnvironment environment)
    {
        configuration.GetSection(SandboxOptions.SectionName).Bind(sandbox);
        // Control endpoints let tests and developers move the sandbox clock and inject faults: never in production.
        sandbox.EnableControlEndpoints = environment.IsDevelopment() || configuration.GetValue($"{SandboxOptions.SectionName}:EnableControlEndpoints", false);
        // In Development the sandbox's state survives restarts, so linked demo banks stay linked.
        if (environment.IsDevelopment() && sandbox.SnapshotPath is null)
        {
            sandbox.SnapshotPath = Path.Combine("data", "gocardless-sandbox.json");
        }
    }

    public static void MapGoCardlessSandboxWhenBuiltIn(this WebApplication app)
    {
        if (!UsesBuiltInSandbox(app.Configuration))
        {
            return;
        }

        app.MapGoCardlessSandbox(SandboxPrefix);
        Log.UsingSandbox(app.Logger, app.Services.GetRequiredService<IOptions<GoCardlessOptions>>().Value.BaseAddress);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2100, Level = LogLevel.Warning, Message = "No GoCardless secrets configured (GC_SECRET_ID, GC_SECRET_KEY): using the built-in GoCardless sandbox at {BaseAddress}")]
        public static partial void UsingSandbox(ILogger logger, Uri baseAddress);
    }
}
