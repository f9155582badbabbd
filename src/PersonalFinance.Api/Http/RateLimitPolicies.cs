using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PersonalFinance.Api.Auth;

namespace PersonalFinance.Api.Http;

/// Per-client-IP limits that run before any expensive work (password hashing, GoCardless calls).
internal static class RateLimitPolicies
{
    public const string Auth = "auth";
    public const string Callback = "callback";

    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<CallbackRateLimitOptions>().BindConfiguration(CallbackRateLimitOptions.SectionName);
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<AuthOptions>, IOptions<CallbackRateLimitOptions>>((limiter, auth, callback) =>
            {
                limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                limiter.AddPolicy(Auth, context => PerClientIp(context, auth.Value.RateLimitPermits, auth.Value.RateLimitWindow));
                limiter.AddPolicy(Callback, context => PerClientIp(context, callback.Value.Permits, callback.Value.Window));
                limiter.OnRejected = async (context, cancellationToken) =>
                {
                    var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(60);
                    var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                    context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                    await ApiProblems.Problem(StatusCodes.Status429TooManyRequests, $"Too many requests from your address. Try again in {seconds} seconds.")
                        .ExecuteAsync(context.HttpContext);
                };
            });
        return services;
    }

    private static RateLimitPartition<string> PerClientIp(HttpContext context, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true });
}

/// Section "Callback:RateLimit".
internal sealed class CallbackRateLimitOptions
{
    public const string SectionName = "Callback:RateLimit";
    public int Permits { get; set; } = 30;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
