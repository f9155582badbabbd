using System.Globalization;
using System.Text.Json.Nodes;

namespace GoCardless.Sandbox;

/// <summary>
/// <c>&lt;prefix&gt;/_sandbox/*</c>: clock, reset, state, account status, institution availability, faults, config and the
/// HTML-free completion of a consent flow. Trailing slashes are optional here: these are test helpers, not the contract.
/// </summary>
internal static class ControlEndpoints
{
    private sealed record Route(string Method, string[] Segments, Func<HttpContext, SandboxState, string[], Task> Handler);

    private static readonly Route[] Routes =
    [
        R("GET", "clock", GetClockAsync),
        R("POST", "clock", SetClockAsync),
        R("POST", "reset", ResetAsync),
        R("GET", "state", GetStateAsync),
        R("GET", "config", GetConfigAsync),
        R("PUT", "config", SetConfigAsync),
        R("PUT", "accounts/*/status", SetAccountStatusAsync),
        R("PUT", "institutions/*", SetInstitutionAsync),
        R("POST", "faults", AddFaultAsync),
        R("GET", "faults", ListFaultsAsync),
        R("DELETE", "faults", ClearFaultsAsync),
        R("POST", "requisitions/*/complete", CompleteAsync),
        R("GET", "calls", ListCallsAsync),
        R("DELETE", "calls", ClearCallsAsync),
    ];

    public static async Task HandleAsync(HttpContext context, string prefix)
    {
        var state = context.RequestServices.GetRequiredService<SandboxState>();
        var segments = ApiDispatcher.RelativePath(context, prefix + "/_sandbox").TrimEnd('/').Split('/');
        foreach (var route in Routes)
        {
            if (!string.Equals(route.Method, context.Request.Method, StringComparison.OrdinalIgnoreCase) || route.Segments.Length != segments.Length)
            {
                continue;
            }

            var args = new List<string>();
            var matched = true;
            for (var i = 0; i < segments.Length && matched; i++)
            {
                if (route.Segments[i] == "*")
                {
                    args.Add(Uri.UnescapeDataString(segments[i]));
                }
                else
                {
                    matched = string.Equals(route.Segments[i], segments[i], StringComparison.Ordinal);
                }
            }

            if (matched)
            {
                await route.Handler(context, state, [.. args]);
                return;
            }
        }

        await SandboxJson.WriteAsync(context, 404, SandboxJson.NotFound());
    }

    private static Task GetClockAsync(HttpContext context, SandboxState state, string[] args) =>
        SandboxJson.WriteAsync(context, 200, ClockJson(state));

    private static async Task SetClockAsync(HttpContext context, SandboxState state, string[] args)
    {
        var body = await BodyAsync(context);
        if (body is null)
        {
            return;
        }

        if (body["advance_seconds"] is JsonValue advance && advance.TryGetValue<double>(out var seconds))
        {
            state.Clock.Advance(TimeSpan.FromSeconds(seconds));
        }
        else if (RequestBody.GetString(body, "now") is { } now
            && DateTimeOffset.TryParse(now, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var target))
        {
            state.Clock.Set(target);
        }
        else
        {
            await BadRequestAsync(context, "send {\"advance_seconds\": n} or {\"now\": \"<ISO-8601>\"}");
            return;
        }

        await SandboxJson.WriteAsync(context, 200, ClockJson(state));
    }

    private static Task ResetAsync(HttpContext context, SandboxState state, string[] args)
    {
        state.Reset();
        return SandboxJson.WriteAsync(context, 200, new JsonObject { ["reset"] = true });
    }

    private static Task GetStateAsync(HttpContext context, SandboxState state, string[] args)
    {
        var baseUrl = ApiDispatcher.BaseUrl(context, "", null);
        JsonObject body;
        lock (state.Gate)
        {
            var requisitions = new JsonArray();
            foreach (var requisition in state.Requisitions.Values.OrderBy(q => q.Created))
            {
                var json = RequisitionEndpoints.ToJson(requisition, baseUrl);
                json.Remove("link");
                json["link_id"] = requisition.LinkId.ToString();
                json["psu"] = requisition.Psu;
                json["redirect_issued"] = requisition.RedirectIssued;
                requisitions.Add(json);
            }

            var accounts = new JsonArray();
            foreach (var account in state.Accounts.Values.OrderBy(a => a.Created))
            {
                var json = AccountEndpoints.ToJson(state, account);
                json["requisition_id"] = account.RequisitionId.ToString();
                json["psu"] = account.Psu;
                json["ordinal"] = account.Ordinal;
                var successes = new JsonObject();
                foreach (var scope in AgreementEndpoints.AllScopes)
                {
                    successes[scope] = state.ScopeSuccesses.TryGetValue((account.Id, scope), out var list)
                        ? list.Count(t => t > state.Now.AddHours(-24))
                        : 0;
                }

                json["scope_successes"] = successes;
                accounts.Add(json);
            }

            var general = new JsonObject();
            foreach (var (group, counter) in state.GeneralCounters)
            {
                general[group] = new JsonObject { ["window_start"] = SandboxJson.Timestamp(counter.WindowStart), ["count"] = counter.Count };
            }

            body = new JsonObject
            {
                ["now"] = SandboxJson.Timestamp(state.Now),
                ["requisitions"] = requisitions,
                ["agreements"] = new JsonArray([.. state.Agreements.Values.OrderBy(a => a.Created).Select(a => (JsonNode)AgreementEndpoints.ToJson(a))]),
                ["accounts"] = accounts,
                ["counters"] = general,
                ["faults"] = new JsonArray([.. state.Faults.Select(f => (JsonNode)FaultEndpoints.ToJson(f))]),
            };
        }

        return SandboxJson.WriteAsync(context, 200, body);
    }

    private static Task GetConfigAsync(HttpContext context, SandboxState state, string[] args) =>
        SandboxJson.WriteAsync(context, 200, ConfigJson(state.Options));

    /// <summary>Partial update; keys in PascalCase or snake_case, TimeSpans as seconds or "hh:mm:ss".</summary>
    private static async Task SetConfigAsync(HttpContext context, SandboxState state, string[] args)
    {
        var body = await BodyAsync(context);
        if (body is null)
        {
            return;
        }

        var options = state.Options;
        try
        {
            Apply(state, options, body);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or UriFormatException)
        {
            await BadRequestAsync(context, ex.Message);
            return;
        }

        await SandboxJson.WriteAsync(context, 200, ConfigJson(options));
    }

    private static void Apply(SandboxState state, SandboxOptions options, JsonObject body)
    {
        lock (state.Gate)
        {
            foreach (var (key, value) in body)
            {
                var name = key.Replace("_", "", StringComparison.Ordinal).ToUpperInvariant();
                var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "";
                switch (name)
                {
                    case "SECRETID": options.SecretId = text; break;
                    case "SECRETKEY": options.SecretKey = text; break;
                    case "ACCEPTANYSECRETS": options.AcceptAnySecrets = bool.Parse(text); break;
                    case "ACCESSTOKENLIFETIME": options.AccessTokenLifetime = Span(text); break;
                    case "REFRESHTOKENLIFETIME": options.RefreshTokenLifetime = Span(text); break;
                    case "SEED": options.Seed = text; break;
                    case "PROCESSINGDELAY": options.ProcessingDelay = Span(text); break;
                    case "PERSCOPEDAILYLIMIT": options.PerScopeDailyLimit = int.Parse(text, CultureInfo.InvariantCulture); break;
                    case "GENERALLIMITS": options.GeneralLimits = bool.Parse(text); break;
                    case "INTERNALIDSCOPE": options.InternalIdScope = text; break;
                    case "PUBLICBASEURL": options.PublicBaseUrl = text.Length == 0 || text == "null" ? null : new Uri(text); break;
                    default: break;
                }
            }
        }
    }

    private static async Task SetAccountStatusAsync(HttpContext context, SandboxState state, string[] args)
    {
        var body = await BodyAsync(context);
        if (body is null)
        {
            return;
        }

        var status = RequestBody.GetString(body, "status");
        if (string.IsNullOrEmpty(status))
        {
            await BadRequestAsync(context, "send {\"status\": \"SUSPENDED\"|\"ERROR\"|\"READY\"|...}");
            return;
        }

        JsonObject? result = null;
        if (RequestBody.TryParseId(args[0], out var id))
        {
            lock (state.Gate)
            {
                if (state.Accounts.TryGetValue(id, out var account))
                {
                    account.Status = status.ToUpperInvariant();
                    account.ProcessingUntil = null;
                    result = AccountEndpoints.ToJson(state, account);
                }
            }
        }

        await SandboxJson.WriteAsync(context, result is null ? 404 : 200, result ?? SandboxJson.NotFound());
    }

    private static async Task SetInstitutionAsync(HttpContext context, SandboxState state, string[] args)
    {
        var body = await BodyAsync(context);
        if (body is null)
        {
            return;
        }

        var institution = InstitutionCatalogue.Find(args[0]);
        if (institution is null)
        {
            await SandboxJson.WriteAsync(context, 404, SandboxJson.NotFound());
            return;
        }

        if (!RequestBody.TryGetBool(body, "operational", out var operational) || operational is null)
        {
            await BadRequestAsync(context, "send {\"operational\": true|false}");
            return;
        }

        lock (state.Gate)
        {
            state.Operational[institution.Id] = operational.Value;
        }

        await SandboxJson.WriteAsync(context, 200, new JsonObject { ["id"] = institution.Id, ["operational"] = operational.Value });
    }

    private static async Task AddFaultAsync(HttpContext context, SandboxState state, string[] args)
    {
        var body = await BodyAsync(context);
        if (body is null)
        {
            return;
        }

        var (fault, error) = FaultEndpoints.Parse(body);
        if (fault is null)
        {
            await BadRequestAsync(context, error!);
            return;
        }

        lock (state.Gate)
        {
            state.Faults.Add(fault);
        }

        await SandboxJson.WriteAsync(context, 201, FaultEndpoints.ToJson(fault));
    }

    private static Task ListFaultsAsync(HttpContext context, SandboxState state, string[] args)
    {
        JsonArray list;
        lock (state.Gate)
        {
            list = new JsonArray([.. state.Faults.Select(f => (JsonNode)FaultEndpoints.ToJson(f))]);
        }

        return SandboxJson.WriteAsync(context, 200, list);
    }

    /// <summary><c>{"calls": [{"at", "method", "path", "status"}]}</c>: every API call received since the last reset, oldest first.</summary>
    private static Task ListCallsAsync(HttpContext context, SandboxState state, string[] args)
    {
        JsonArray calls;
        lock (state.Gate)
        {
            calls = new JsonArray([.. state.Calls.Select(c => (JsonNode)new JsonObject
            {
                ["at"] = SandboxJson.Timestamp(c.At),
                ["method"] = c.Method,
                ["path"] = c.Path,
                ["status"] = c.Status,
            })]);
        }

        return SandboxJson.WriteAsync(context, 200, new JsonObject { ["calls"] = calls });
    }

    private static Task ClearCallsAsync(HttpContext context, SandboxState state, string[] args)
    {
        lock (state.Gate)
        {
            state.Calls.Clear();
        }

        return SandboxJson.WriteAsync(context, 200, new JsonObject { ["calls"] = new JsonArray() });
    }

    private static Task ClearFaultsAsync(HttpContext context, SandboxState state, string[] args)
    {
        lock (state.Gate)
        {
            state.Faults.Clear();
        }

        return SandboxJson.WriteAsync(context, 200, new JsonArray());
    }

    /// <summary><c>{outcome: "linked"|"rejected"|"cancelled", psu?, accounts?: [ordinals]}</c> → <c>{"redirect_url": …}</c>.</summary>
    private static async Task CompleteAsync(HttpContext context, SandboxState state, string[] args)
    {
        var body = await BodyAsync(context);
        if (body is null)
        {
            return;
        }

        var outcome = RequestBody.GetString(body, "outcome") ?? "linked";
        var psu = RequestBody.GetString(body, "psu");
        List<int>? ordinals = null;
        if (body["accounts"] is JsonArray array)
        {
            ordinals = [.. array.Select(n => n is JsonValue v && v.TryGetValue<int>(out var o) ? o : -1)];
        }

        int status;
        JsonObject result;
        lock (state.Gate)
        {
            if (!RequestBody.TryParseId(args[0], out var id) || !state.Requisitions.TryGetValue(id, out var requisition))
            {
                (status, result) = (404, SandboxJson.NotFound());
            }
            else if (requisition.RedirectIssued)
            {
                (status, result) = (409, new JsonObject
                {
                    ["error"] = "RequisitionLinkReused",
                    ["redirect_url"] = ConsentFlow.ReturnUrl(requisition, "RequisitionLinkReused"),
                });
            }
            else
            {
                string? url = outcome switch
                {
                    "linked" => ConsentFlow.Link(state, requisition, psu, ordinals),
                    "rejected" => ConsentFlow.Reject(requisition),
                    "cancelled" => ConsentFlow.Redirect(requisition, "UserCancelledSession"),
                    _ => null,
                };
                (status, result) = url is null
                    ? (400, new JsonObject { ["error"] = "outcome must be linked, rejected or cancelled" })
                    : (200, new JsonObject { ["redirect_url"] = url });
            }
        }

        await SandboxJson.WriteAsync(context, status, result);
    }

    private static JsonObject ClockJson(SandboxState state) => new()
    {
        ["now"] = SandboxJson.Timestamp(state.Now),
        ["offset_seconds"] = state.Clock.Offset.TotalSeconds,
    };

    private static JsonObject ConfigJson(SandboxOptions options) => new()
    {
        ["secret_id"] = options.SecretId,
        ["accept_any_secrets"] = options.AcceptAnySecrets,
        ["access_token_lifetime"] = options.AccessTokenLifetime.TotalSeconds,
        ["refresh_token_lifetime"] = options.RefreshTokenLifetime.TotalSeconds,
        ["seed"] = options.Seed,
        ["processing_delay"] = options.ProcessingDelay.TotalSeconds,
        ["per_scope_daily_limit"] = options.PerScopeDailyLimit,
        ["general_limits"] = options.GeneralLimits,
        ["internal_id_scope"] = options.InternalIdScope,
        ["enable_control_endpoints"] = options.EnableControlEndpoints,
        ["public_base_url"] = options.PublicBaseUrl?.ToString(),
        ["snapshot_path"] = options.SnapshotPath,
    };

    private static TimeSpan Span(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.Parse(text, CultureInfo.InvariantCulture);

    private static async Task<JsonObject?> BodyAsync(HttpContext context)
    {
        var (body, error) = await RequestBody.ReadAsync(context);
        if (body is null)
        {
            await SandboxJson.WriteAsync(context, 400, error!);
        }

        return body;
    }

    private static Task BadRequestAsync(HttpContext context, string message) =>
        SandboxJson.WriteAsync(context, 400, new JsonObject { ["error"] = message });

    private static Route R(string method, string path, Func<HttpContext, SandboxState, string[], Task> handler) =>
        new(method, path.Split('/'), handler);
}
