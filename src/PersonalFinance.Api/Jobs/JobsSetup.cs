using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Options;
using PersonalFinance.Api.Auth;
using PersonalFinance.Api.Connections;
using PersonalFinance.Api.Data;
using PersonalFinance.Api.Institutions;
using PersonalFinance.Api.Sync;

namespace PersonalFinance.Api.Jobs;

/// Hangfire for this app: PostgreSQL storage shared by every instance when the database is PostgreSQL, in-memory
/// storage in the one SQLite instance. Everything Hangfire needs is registered per host (storage, activator, filters),
/// so two hosts in one process (tests) never share Hangfire's static state.
internal static class JobsSetup
{
    public const string DashboardPath = "/hangfire";

    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SyncOptions>().BindConfiguration(SyncOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var role = configuration.GetValue(JobsOptions.SectionName + ":Role", JobsRole.All);

        services.AddSingleton<JobStorage>(CreateStorage);
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<IJobFilterProvider>(sp => RecurringJobs.Filters(sp.GetRequiredService<IOptions<JobsOptions>>().Value));
        services.AddHangfire((sp, config) => config
            .UseLogProvider(new HangfireLogBridge(sp.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        if (role != JobsRole.Web)
        {
            services.AddHangfireServer((sp, server) =>
            {
                var options = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
                server.WorkerCount = options.WorkerCount;
                server.SchedulePollingInterval = options.PollInterval;
                server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
            });
        }

        services.AddHostedService<JobsStartup>();
        services.AddHealthChecks().AddCheck<JobEngineHealthCheck>("jobs", tags: [Http.HealthChecks.ReadyTag]);
        services.AddSingleton<SyncFaultPoints>();
        services.AddSingleton<SyncRuns>();
        services.AddScoped<SyncProgress>();
        services.AddScoped<AccountBudget>();
        services.AddScoped<AccountSyncWriter>();
        services.AddScoped<JobRecords>();
        services.AddScoped<SyncConnectionJob>();
        services.AddScoped<SyncAllJob>();
        services.AddScoped<RefreshInstitutionsJob>();
        services.AddScoped<PollRequisitionsJob>();
        return services;
    }

    /// The dashboard exists only in Development and tests, and even there answers only the admin token (or loopback in Development).
    public static WebApplication UseJobs(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing"))
        {
            return app;
        }

        var access = new DashboardAccess(
            app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.AdminToken,
            allowLoopback: app.Environment.IsDevelopment());
        app.UseHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [access],
            AppPath = null,
            DisplayStorageConnectionString = false,
        }, app.Services.GetRequiredService<JobStorage>());
        return app;
    }

    private static JobStorage CreateStorage(IServiceProvider services)
    {
        var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var jobs = services.GetRequiredService<IOptions<JobsOptions>>().Value;
        if (database.EffectiveProvider == DatabaseProvider.Postgres)
        {
            var options = new PostgreSqlStorageOptions
            {
                SchemaName = jobs.PostgresSchema,
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = jobs.PollInterval,
                InvisibilityTimeout = jobs.InvisibilityTimeout,
                DistributedLockTimeout = TimeSpan.FromMinutes(1),
            };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(database.PostgresConnectionString!, options), options);
        }

        return new InMemoryStorage(new InMemoryStorageOptions());
    }
}
