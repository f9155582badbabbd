namespace GoCardless.Sandbox;

/// <summary>Maps the GoCardless sandbox into an app.</summary>
public static class SandboxEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>&lt;prefix&gt;/api/v2/…</c>, <c>&lt;prefix&gt;/ob-psd2/…</c> and, when <see cref="SandboxOptions.EnableControlEndpoints"/>
    /// is set, <c>&lt;prefix&gt;/_sandbox/…</c>. The endpoints allow anonymous access, are excluded from OpenAPI and write their own
    /// responses, whatever the host's JSON, auth and problem-details settings.
    /// </summary>
    /// <param name="endpoints">The app's route builder; <c>AddGoCardlessSandbox</c> must have been called.</param>
    /// <param name="prefix"><c>""</c> or a path such as <c>/sandbox/gocardless</c>.</param>
    public static IEndpointConventionBuilder MapGoCardlessSandbox(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var normalized = Normalize(prefix);
        var state = endpoints.ServiceProvider.GetService<SandboxState>()
            ?? throw new InvalidOperationException("Call services.AddGoCardlessSandbox() before MapGoCardlessSandbox().");

        var group = endpoints.MapGroup(normalized.Length == 0 ? "/" : normalized);
        group.Map("api/v2/{**path}", Saving(state, Recording(state, normalized, context => ApiDispatcher.HandleAsync(context, normalized))))
            .WithDisplayName("GoCardless sandbox API");
        group.Map("ob-psd2/{**path}", Saving(state, context => ConsentEndpoints.HandleAsync(context, normalized)))
            .WithDisplayName("GoCardless sandbox consent");
        if (state.Options.EnableControlEndpoints)
        {
            group.Map("_sandbox/{**path}", Saving(state, context => ControlEndpoints.HandleAsync(context, normalized)))
                .WithDisplayName("GoCardless sandbox control");
        }

        group.AllowAnonymous();
        group.ExcludeFromDescription();
        group.DisableAntiforgery();
        return group;
    }

    private static RequestDelegate Recording(SandboxState state, string prefix, RequestDelegate handler) =>
        async context =>
        {
            // Stamped on arrival: a test can then tell how long a client waited before it asked again.
            var receivedAt = state.Now;
            try
            {
                await handler(context);
            }
            finally
            {
                state.RecordCall(receivedAt, context.Request.Method, ApiDispatcher.RelativePath(context, prefix + "/api/v2"), context.Response.StatusCode);
            }
        };

    private static RequestDelegate Saving(SandboxState state, RequestDelegate handler) =>
        state.Options.SnapshotPath is null
            ? handler
            : async context =>
            {
                await handler(context);
                await SandboxSnapshot.SaveAsync(state);
            };

    private static string Normalize(string prefix)
    {
        var trimmed = (prefix ?? "").Trim().TrimEnd('/');
        return trimmed.Length == 0 ? "" : trimmed.StartsWith('/') ? trimmed : "/" + trimmed;
    }
}
