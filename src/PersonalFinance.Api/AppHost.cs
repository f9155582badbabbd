using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalFinance.Api.Accounts;
using PersonalFinance.Api.Auth;
using PersonalFinance.Api.Connections;
using PersonalFinance.Api.Data;
using PersonalFinance.Api.GoCardlessStore;
using PersonalFinance.Api.Http;
using PersonalFinance.Api.Institutions;
using PersonalFinance.Api.Jobs;
using PersonalFinance.Api.Sync;
using PersonalFinance.Api.Transactions;
using Scalar.AspNetCore;

namespace PersonalFinance.Api;

/// The composition root: every registration and every route prefix, in the order they apply.
internal static class AppHost
{
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static WebApplicationBuilder CreateBuilder(string[] args) => AddAppServices(CreateConfiguredBuilder(args));

    /// Configuration and logging only; verbs adjust configuration (e.g. a sandbox of their own) before services are added.
    public static WebApplicationBuilder CreateConfiguredBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddLegacyEnvironmentNames();
        if (builder.Environment.IsDevelopment() && string.IsNullOrEmpty(builder.Configuration["Jwt:SigningKey"]))
        {
            builder.Configuration["Jwt:SigningKey"] = DevelopmentSigningKey.LoadOrCreate(Path.Combine("data", "jwt-signing-key"));
        }

        // Request lines carry query strings (the callback's ref); the hosting diagnostics never log below Warning.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.AddServerHeader = false;
        });
        return builder;
    }

    public static WebApplicationBuilder AddAppServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<AppUrlOptions>().BindConfiguration(AppUrlOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AppUrlOptions>, AppUrlOptionsValidator>();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.DictionaryKeyPolicy = null;
        });
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddApiProblemDetails();
        services.AddValidation();
        services.AddAppDatabase(builder.Configuration);
        services.AddAppAuth();
        services.AddApiCors();
        services.AddApiRateLimiting();
        services.AddTrustedProxies(builder.Configuration);
        services.AddApiHealthChecks();
        services.AddOpenApi();
        services.AddGoCardless(builder.Configuration, builder.Environment);
        services.AddOptions<ConnectionsOptions>().BindConfiguration(ConnectionsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConnectionsOptions>, ConnectionsOptionsValidator>();
        services.AddScoped<InstitutionCatalogue>();
        services.AddScoped<RequisitionStarter>();
        services.AddScoped<RequisitionCompletion>();
        services.AddScoped<SyncScheduler>();
        services.AddScoped<InterruptedJobs>();
        services.AddJobs(builder.Configuration);
        return builder;
    }

    public static WebApplication BuildWebApp(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        if (app.Environment.IsDevelopment())
        {
            app.Services.ApplyMigrations();
        }

        app.UseForwardedHeaders();
        app.UseSecurityHeaders(app.Environment);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseCors(Http.CorsOptions.PolicyName);
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseJobs();

        app.MapApiHealthChecks();
        app.MapAuth();
        app.MapGoCardlessSandboxWhenBuiltIn();
        var api = app.MapGroup("/api");
        api.MapGroup("/institutions").MapInstitutions();
        api.MapGroup("/connections").MapConnections();
        api.MapGroup("/accounts").MapAccounts();
        api.MapGroup("/transactions").MapTransactions();
        api.MapGroup("/jobs").MapJobs();
        app.MapWebUi();

        if (app.Configuration.GetValue("Docs:Enabled", true))
        {
            app.MapOpenApi("/openapi/{documentName}.json");
            app.MapScalarApiReference("/docs", options => options.WithTitle("PersonalFinance API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        }

        return app;
    }

    public static void ApplyMigrations(this IServiceProvider services)
    {
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.Migrate();
    }
}
