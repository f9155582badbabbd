using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace PersonalFinance.Api.Http;

/// X-Forwarded-For counts only from proxies listed in Http:TrustedProxies; the framework's loopback defaults are cleared,
/// otherwise any local caller could rotate the header to escape per-IP limits.
/// With no proxy listed the headers are not processed at all: the middleware trusts every peer when both of its lists are empty.
internal static class ForwardedHeadersSetup
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection("Http:TrustedProxies").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = proxies.Length == 0
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
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
