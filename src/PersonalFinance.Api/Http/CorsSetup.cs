using Microsoft.Extensions.Options;

namespace PersonalFinance.Api.Http;

/// Section "Cors": exact origins allowed to call the API with credentials.
internal sealed class CorsOptions
{
    public const string SectionName = "Cors";
    public const string PolicyName = "frontend";

    /// Defaults to the app's own origin and http://localhost:3000 (the existing frontend's dev server).
    public List<string> AllowedOrigins { get; set; } = [];
}

internal sealed class CorsOptionsValidator : IValidateOptions<CorsOptions>
{
    public ValidateOptionsResult Validate(string? name, CorsOptions options)
    {
        foreach (var origin in options.AllowedOrigins)
        {
            if (origin.Contains('*', StringComparison.Ordinal))
            {
                return ValidateOptionsResult.Fail("Cors:AllowedOrigins must list exact origins; '*' is not allowed with credentials.");
            }

            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/" || origin.EndsWith('/'))
            {
                return ValidateOptionsResult.Fail($"Cors:AllowedOrigins entry '{origin}' must be an origin such as https://app.example.com (scheme, host and optional port only).");
            }
        }

        return ValidateOptionsResult.Success;
    }
}

internal static class CorsSetup
{
    public static IServiceCollection AddApiCors(this IServiceCollection services)
    {
        services.AddOptions<CorsOptions>().BindConfiguration(CorsOptions.SectionName)
            .PostConfigure<IOptions<AppUrlOptions>>((cors, urls) =>
            {
                if (cors.AllowedOrigins.Count == 0)
                {
                    cors.AllowedOrigins.Add(urls.Value.PublicOrigin);
                    cors.AllowedOrigins.Add("http://localhost:3000");
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CorsOptions>, CorsOptionsValidator>();
        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<CorsOptions>>((cors, ours) => cors.AddPolicy(CorsOptions.PolicyName, policy => policy
                .WithOrigins([.. ours.Value.AllowedOrigins])
                .AllowCredentials()
                .WithHeaders("Authorization", "Content-Type")
                .WithMethods("GET", "POST", "PATCH", "DELETE")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return services;
    }
}
