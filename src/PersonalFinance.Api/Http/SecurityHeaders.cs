namespace PersonalFinance.Api.Http;

/// Headers every response carries; API and UI get different content security policies.
internal static class SecurityHeaders
{
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";
    private const string UiPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, IWebHostEnvironment environment) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                var path = context.Request.Path;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                if (!environment.IsDevelopment())
                {
                    headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
                }

                var isApi = path.StartsWithSegments("/api") || path.StartsWithSegments("/auth") || path.StartsWithSegments("/health")
                    || path.StartsWithSegments("/openapi");
                if (isApi)
                {
                    headers.ContentSecurityPolicy = ApiPolicy;
                }
                else if (!path.StartsWithSegments("/docs") && !path.StartsWithSegments("/scalar") && !path.StartsWithSegments("/hangfire")
                    && !path.StartsWithSegments("/sandbox"))
                {
                    headers.ContentSecurityPolicy = UiPolicy;
                }

                if (path.StartsWithSegments("/api") || path.StartsWithSegments("/auth"))
                {
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
}
