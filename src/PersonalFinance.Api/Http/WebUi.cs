namespace PersonalFinance.Api.Http;

/// The built-in web UI: static files under wwwroot, and its client-side routes served by index.html so that a
/// reload or the callback's redirect to /accounts lands on the UI. Only these paths fall back; anything else stays a 404.
internal static class WebUi
{
    public static readonly string[] ClientRoutes = ["/login", "/accounts", "/transactions"];

    public static IEndpointRouteBuilder MapWebUi(this IEndpointRouteBuilder endpoints)
    {
        foreach (var route in ClientRoutes)
        {
            endpoints.MapFallbackToFile(route, "index.html").ExcludeFromDescription();
        }

        return endpoints;
    }
}
