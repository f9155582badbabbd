using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace PersonalFinance.Api.Http;

/// X-Forwarded-For counts only from proxies listed in Http:TrustedProxies; the framework's loopback defaults are cleared,
/// otherwise any local caller could rotate the header to escape per-IP limits.
internal static class ForwardedHeadersSetup
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection("Http:TrustedProxies").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        return services;
    }
}
