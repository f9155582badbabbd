namespace GoCardless.Sandbox;

/// <summary>
/// Routes <c>&lt;prefix&gt;/api/v2/*</c> itself rather than through one endpoint per route: the trailing-slash rules, the 404 for
/// unknown routes, the general counters, authentication and fault injection apply uniformly before any handler runs.
/// </summary>
internal static class ApiDispatcher
{
    private sealed record Route(string Method, string[] Segments, string Group, bool RequiresAuth, Func<ApiRequest, Task> Handler);

    // The route table: method, path (with * for an id), general-limit bucket, whether a bearer token is required, handler.
    private static readonly Route[] Routes =
    [
        R("POST", "token/new/", GeneralLimits.TokenNew, false, TokenEndpoints.NewTokenAsync),
        R("POST", "token/refresh/", GeneralLimits.TokenRefresh, false, TokenEndpoints.RefreshTokenAsync),
        R("GET", "institutions/", GeneralLimits.Institutions, true, InstitutionEndpoints.ListAsync),
        R("GET", "institutions/*/", GeneralLimits.Institutions, true, InstitutionEndpoints.GetAsync),
        R("POST", "agreements/enduser/", GeneralLimits.Create, true, AgreementEndpoints.CreateAsync),
        R("GET", "agreements/enduser/", GeneralLimits.Read, true, AgreementEndpoints.ListAsync),
        R("GET", "agreements/enduser/*/", GeneralLimits.Read, true, AgreementEndpoints.GetAsync),
        R("DELETE", "agreements/enduser/*/", GeneralLimits.Modify, true, AgreementEndpoints.DeleteAsync),
        R("PUT", "agreements/enduser/*/accept/", GeneralLimits.Modify, true, AgreementEndpoints.AcceptAsync),
        R("POST", "requisitions/", GeneralLimits.Create, true, RequisitionEndpoints.CreateAsync),
        R("GET", "requisitions/", GeneralLimits.Read, true, RequisitionEndpoints.ListAsync),
        R("GET", "requisitions/*/", GeneralLimits.Read, true, RequisitionEndpoints.GetAsync),
        R("DELETE", "requisitions/*/", GeneralLimits.Modify, true, RequisitionEndpoints.DeleteAsync),
        R("GET", "accounts/*/", GeneralLimits.Accounts, true, AccountEndpoints.MetadataAsync),
        R("GET", "accounts/*/details/", GeneralLimits.Accounts, true, AccountEndpoints.DetailsAsync),
        R("GET", "accounts/*/balances/", GeneralLimits.Accounts, true, AccountEndpoints.BalancesAsync),
        R("GET", "accounts/*/transactions/", GeneralLimits.Accounts, true, AccountEndpoints.TransactionsAsync),
    ];

    public static async Task HandleAsync(HttpContext context, string prefix)
    {
        var state = context.RequestServices.GetRequiredService<SandboxState>();
        var path = RelativePath(context, prefix + "/api/v2");
        var method = HttpMethods.IsHead(context.Request.Method) ? "GET" : context.Request.Method.ToUpperInvariant();

        if (path.Length > 0 && !path.EndsWith('/'))
        {
            // Django's APPEND_SLASH answers GET/HEAD with a redirect; for other methods we are deliberately strict.
            if (method == "GET" && Match(method, path + "/", out _, out _) is not null)
            {
                context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
                context.Response.Headers.Location = BaseUrl(context, prefix, null) + "/api/v2/" + path + "/" + context.Request.QueryString;
                return;
            }

            await SandboxJson.WriteAsync(context, 404, SandboxJson.NotFound());
            return;
        }

        var route = Match(method, path, out var args, out var pathExists);
        if (route is null)
        {
            if (pathExists)
            {
                await SandboxJson.WriteAsync(context, 405, SandboxJson.Error("Method Not Allowed",
                    $"Method \"{context.Request.Method}\" not allowed.", 405));
                return;
            }

            await SandboxJson.WriteAsync(context, 404, SandboxJson.NotFound());
            return;
        }

        var request = new ApiRequest(context, state, args, BaseUrl(context, prefix, state.Options.PublicBaseUrl));
        if (state.Options.GeneralLimits)
        {
            var (limit, remaining, reset, exceeded) = GeneralLimits.Count(state, route.Group);
            GeneralLimits.WriteHeaders(request, limit, remaining, reset);
            if (exceeded)
            {
                var (_, _, periodName) = GeneralLimits.Of(route.Group);
                await request.JsonAsync(429, SandboxJson.Error("Rate limit exceeded", GeneralLimits.Detail(limit, periodName, reset), 429));
                return;
            }
        }

        if (route.RequiresAuth && SandboxTokens.Validate(state, SandboxTokens.BearerToken(context), "access") is null)
        {
            await request.JsonAsync(401, SandboxJson.Error("Invalid token", "Token is invalid or expired", 401));
            return;
        }

        var fault = FaultEndpoints.Take(state, method, path.TrimEnd('/').Split('/'));
        if (fault is not null)
        {
            await FaultEndpoints.ApplyAsync(request, fault, route.Handler);
            return;
        }

        await route.Handler(request);
    }

    /// <summary>The request path below <paramref name="root"/>, without its leading slash.</summary>
    public static string RelativePath(HttpContext context, string root)
    {
        var full = context.Request.Path.Value ?? "";
        var rest = full.Length >= root.Length ? full[root.Length..] : "";
        return rest.TrimStart('/');
    }

    public static string BaseUrl(HttpContext context, string prefix, Uri? publicBase)
    {
        if (publicBase is not null)
        {
            return publicBase.ToString().TrimEnd('/');
        }

        var request = context.Request;
        return request.Scheme + "://" + request.Host + request.PathBase + prefix;
    }

    private static Route? Match(string method, string path, out string[] args, out bool pathExists)
    {
        var segments = path.TrimEnd('/').Split('/');
        args = [];
        pathExists = false;
        foreach (var route in Routes)
        {
            if (!SegmentsMatch(route.Segments, segments, out var captured))
            {
                continue;
            }

            pathExists = true;
            if (route.Method == method)
            {
                args = captured;
                return route;
            }
        }

        return null;
    }

    private static bool SegmentsMatch(string[] pattern, string[] segments, out string[] captured)
    {
        captured = [];
        if (pattern.Length != segments.Length)
        {
            return false;
        }

        var values = new List<string>();
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == "*")
            {
                if (segments[i].Length == 0)
                {
                    return false;
                }

                values.Add(Uri.UnescapeDataString(segments[i]));
            }
            else if (!string.Equals(pattern[i], segments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        captured = [.. values];
        return true;
    }

    private static Route R(string method, string path, string group, bool auth, Func<ApiRequest, Task> handler) =>
        new(method, path.TrimEnd('/').Split('/'), group, auth, handler);
}
