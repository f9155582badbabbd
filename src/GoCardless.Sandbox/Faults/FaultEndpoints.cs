using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace GoCardless.Sandbox;

/// <summary>Forced responses (gocardless.md §13 item 12): the next N calls matching a method + path pattern get a chosen failure.</summary>
internal static class FaultEndpoints
{
    public static readonly FrozenSet<string> ConsentKinds = new[]
    {
        "InstitutionTechnicalError", "InstitutionTimeoutError", "GoCardlessTechnicalError", "SSNVerificationFailed",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> ApiKinds = new[]
    {
        "rate_limit_general", "rate_limit_account", "rate_limit_bank", "unknown_request_error", "internal_error", "connection_error",
        "service_error", "gateway_html", "access_expired", "account_inactive", "eua_expired", "invalid_token", "processing", "suspended",
        "account_state_error", "forbidden", "scope_error", "ip_denied", "malformed_json", "wrong_shape", "reused_transaction_id", "delay", "timeout", "drop_connection",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Parses <c>{"route","kind","count","account_id","delay_ms","reset_seconds","omit_headers","status"}</c>.</summary>
    public static (Fault? Fault, string? Error) Parse(JsonObject body)
    {
        var route = RequestBody.GetString(body, "route")?.Trim();
        var kind = RequestBody.GetString(body, "kind");
        if (string.IsNullOrEmpty(route) || string.IsNullOrEmpty(kind))
        {
            return (null, "route and kind are required");
        }

        if (!ApiKinds.Contains(kind) && !ConsentKinds.Contains(kind))
        {
            return (null, $"unknown kind '{kind}'");
        }

        var space = route.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
        {
            return (null, "route must be '<METHOD> <path>', e.g. 'GET accounts/*/transactions/'");
        }

        var path = route[(space + 1)..].Trim().TrimStart('/');
        const string apiRoot = "api/v2/";
        if (path.StartsWith(apiRoot, StringComparison.Ordinal))
        {
            path = path[apiRoot.Length..];
        }

        if (!RequestBody.TryGetInt(body, "count", out var count) || !RequestBody.TryGetInt(body, "delay_ms", out var delay)
            || !RequestBody.TryGetInt(body, "reset_seconds", out var reset) || !RequestBody.TryGetInt(body, "status", out var status)
            || !RequestBody.TryGetBool(body, "omit_headers", out var omit))
        {
            return (null, "count, delay_ms, reset_seconds and status are integers; omit_headers is a boolean");
        }

        Guid? accountId = null;
        if (RequestBody.GetString(body, "account_id") is { } accountText)
        {
            if (!RequestBody.TryParseId(accountText, out var parsed))
            {
                return (null, "account_id must be a UUID");
            }

            accountId = parsed;
        }

        return (new Fault
        {
            Id = Guid.NewGuid(),
            Method = route[..space].ToUpperInvariant(),
            PathSegments = path.TrimEnd('/').Split('/'),
            Route = route[..space].ToUpperInvariant() + " " + path,
            Kind = kind,
            Remaining = count ?? 1,
            AccountId = accountId,
            DelayMs = delay ?? 0,
            ResetSeconds = reset,
            OmitHeaders = omit ?? false,
            Status = status,
        }, null);
    }

    /// <summary>Consumes one use of the first fault matching the call, if any.</summary>
    public static Fault? Take(SandboxState state, string method, string[] segments)
    {
        lock (state.Gate)
        {
            foreach (var fault in state.Faults)
            {
                if (fault.Remaining > 0 && Matches(fault, method, segments))
                {
                    fault.Remaining--;
                    if (fault.Remaining == 0)
                    {
                        state.Faults.Remove(fault);
                    }

                    return fault;
                }
            }
        }

        return null;
    }

    private static bool Matches(Fault fault, string method, string[] segments)
    {
        if (fault.Method != "*" && fault.Method != method)
        {
            return false;
        }

        if (fault.PathSegments.Length != segments.Length)
        {
            return false;
        }

        for (var i = 0; i < segments.Length; i++)
        {
            if (fault.PathSegments[i] != "*" && !string.Equals(fault.PathSegments[i], segments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return fault.AccountId is not { } accountId
            || segments.Any(s => RequestBody.TryParseId(s, out var id) && id == accountId);
    }

    public static JsonObject ToJson(Fault fault)
    {
        var json = new JsonObject
        {
            ["id"] = fault.Id.ToString(),
            ["route"] = fault.Route,
            ["kind"] = fault.Kind,
            ["count"] = fault.Remaining,
            ["account_id"] = fault.AccountId?.ToString(),
            ["delay_ms"] = fault.DelayMs,
            ["reset_seconds"] = fault.ResetSeconds,
            ["omit_headers"] = fault.OmitHeaders,
        };
        return json;
    }

    /// <summary>
    /// Writes the forced response; <c>delay</c>, <c>malformed_json</c>, <c>wrong_shape</c> and <c>reused_transaction_id</c> still run the
    /// real handler.
    /// </summary>
    public static async Task ApplyAsync(ApiRequest r, Fault fault, Func<ApiRequest, Task> handler)
    {
        var context = r.Http;
        var thing = Thing(r);
        switch (fault.Kind)
        {
            case "delay":
                if (await HoldAsync(context, fault.DelayMs))
                {
                    await handler(r);
                }

                return;
            case "timeout":
                await HoldAsync(context, fault.DelayMs);
                context.Abort();
                return;
            case "drop_connection":
                context.Abort();
                return;
            case "malformed_json":
                await MalformedAsync(r, handler);
                return;
            case "wrong_shape":
                await RewriteAsync(r, handler, WrongShape);
                return;
            case "reused_transaction_id":
                await RewriteAsync(r, handler, ReuseTransactionId);
                return;
            case "gateway_html":
                var status = fault.Status is 504 ? 504 : 502;
                await SandboxJson.WriteRawAsync(context, status, "text/html",
                    $"<html><head><title>{status} Bad Gateway</title></head><body><center><h1>{status} Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n");
                return;
            case "rate_limit_general":
                var generalReset = fault.ResetSeconds ?? 60;
                GeneralLimits.WriteHeaders(r, 100, 0, generalReset);
                await r.JsonAsync(429, SandboxJson.Error("Rate limit exceeded", GeneralLimits.Detail(100, "minute", generalReset), 429));
                return;
            case "rate_limit_account":
                var reset = fault.ResetSeconds ?? 86400;
                var limit = r.State.Options.PerScopeDailyLimit > 0 ? r.State.Options.PerScopeDailyLimit : 4;
                if (!fault.OmitHeaders)
                {
                    AccountEndpoints.WriteScopeHeaders(r, limit, 0, reset);
                }

                await r.JsonAsync(429, SandboxJson.Error("Rate limit exceeded",
                    $"The rate limit for this resource is {limit}/day. Please try again in {reset} seconds", 429));
                return;
            default:
                var (code, body) = Body(r, fault.Kind, thing);
                await r.JsonAsync(code, body);
                return;
        }
    }

    /// <summary>
    /// Waits in real time (the sandbox clock may be a fake that never moves); false when the client gave up first, which is
    /// the expected end of a <c>timeout</c> fault and must not surface as a server error in the host.
    /// </summary>
    public static async Task<bool> HoldAsync(HttpContext context, int delayMs)
    {
        try
        {
            await Task.Delay(Math.Max(0, delayMs), context.RequestAborted);
            return true;
        }
        catch (OperationCanceledException)
        {
            context.Abort();
            return false;
        }
    }

    private static (int Status, JsonObject Body) Body(ApiRequest r, string kind, string thing) => kind switch
    {
        "rate_limit_bank" => (429, AccountEndpoints.CouldNotUpdate(thing, "Daily request limit set by the Institution has been exceeded.",
            "RateLimitError", 429)),
        "unknown_request_error" => (500, AccountEndpoints.CouldNotUpdate(thing, "Request to Institution returned an error",
            "UnknownRequestError", 500)),
        "internal_error" => (500, SandboxJson.Error($"Couldn't update account {thing}",
            "Something went terribly wrong on our side - please contact support and provide error id: " +
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), 500)),
        "connection_error" => (503, AccountEndpoints.CouldNotUpdate(thing, "Couldn't connect to Institution", "ConnectionError", 503)),
        "service_error" => (503, AccountEndpoints.CouldNotUpdate(thing, "Institution service unavailable", "ServiceError", 503)),
        "access_expired" => (401, AccountEndpoints.CouldNotUpdate(thing,
            "Access has expired or it has been revoked. To restore access reconnect the account.", "AccessExpiredError", 401)),
        "account_inactive" => (401, AccountEndpoints.CouldNotUpdate(thing, "Account has been deactivated or it no longer exists.",
            "AccountInactiveError", 401)),
        "eua_expired" => (401, AccountEndpoints.EuaExpired(AgreementFor(r))),
        "invalid_token" => (401, SandboxJson.Error("Invalid token", "Token is invalid or expired", 401)),
        "processing" => (409, AccountEndpoints.Processing(AccountId(r) ?? Guid.Empty)),
        "suspended" => (409, AccountEndpoints.Suspended()),
        "account_state_error" => (409, StateErrorBody(r)),
        "forbidden" => (403, AccountEndpoints.CouldNotUpdate(thing,
            "Access to account is forbidden. The user might not have the necessary permissions.", "AccountAccessForbidden", 403)),
        "scope_error" => (403, AccountEndpoints.ScopeError(thing)),
        "ip_denied" => (403, SandboxJson.Error("IP address access denied",
            $"Your IP {r.Http.Connection.RemoteIpAddress} isn't whitelisted to perform this action", 403)),
        _ => (500, SandboxJson.Error("Sandbox fault", $"Fault kind {kind} does not apply to this route", 500)),
    };

    private static async Task MalformedAsync(ApiRequest r, Func<ApiRequest, Task> handler)
    {
        // The real handler runs (its side effects happen, as they would upstream), then half of its body is sent.
        r.IsFaulted = true;
        var (_, full) = await BufferAsync(r, handler);
        var cut = full.Length > 2 ? full.Length / 2 : 1;
        var response = r.Http.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        response.ContentLength = null;
        await response.Body.WriteAsync(full.Length >= 2 ? full.AsMemory(0, cut) : "{\""u8.ToArray(), r.Http.RequestAborted);
    }

    /// <summary>
    /// Runs the real handler and sends its successful answer changed by <paramref name="change"/>. The call counts against the account's
    /// allowance like any success: GoCardless itself sent the odd body.
    /// </summary>
    private static async Task RewriteAsync(ApiRequest r, Func<ApiRequest, Task> handler, Action<JsonObject> change)
    {
        var (status, full) = await BufferAsync(r, handler);
        var response = r.Http.Response;
        response.ContentLength = null;
        if (status is >= 200 and < 300 && JsonNode.Parse(full) is JsonObject body)
        {
            change(body);
            full = Encoding.UTF8.GetBytes(body.ToJsonString());
        }

        await response.Body.WriteAsync(full, r.Http.RequestAborted);
    }

    private static async Task<(int Status, byte[] Body)> BufferAsync(ApiRequest r, Func<ApiRequest, Task> handler)
    {
        var response = r.Http.Response;
        var original = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await handler(r);
        }
        finally
        {
            response.Body = original;
        }

        return (response.StatusCode, buffer.ToArray());
    }

    /// <summary>Valid JSON without the member the route documents (<c>transactions.booked</c>, <c>balances</c>, <c>account</c>, …).</summary>
    private static void WrongShape(JsonObject body)
    {
        if (body["transactions"] is JsonObject transactions)
        {
            transactions.Remove("booked");
        }
        else
        {
            foreach (var name in new[] { "balances", "account", "results", "id" })
            {
                body.Remove(name);
            }
        }
    }

    /// <summary>The bank gives the second booked row the first row's <c>transactionId</c> (a reused id, other ids untouched).</summary>
    private static void ReuseTransactionId(JsonObject body)
    {
        if (body["transactions"]?["booked"] is JsonArray { Count: >= 2 } booked
            && booked[0]?["transactionId"] is JsonValue id && booked[1] is JsonObject second)
        {
            second["transactionId"] = id.DeepClone();
        }
    }

    private static string Thing(ApiRequest r)
    {
        var path = r.Http.Request.Path.Value?.TrimEnd('/') ?? "";
        var last = path[(path.LastIndexOf('/') + 1)..];
        return last is "details" or "balances" or "transactions" ? last : "details";
    }

    private static Guid? AccountId(ApiRequest r) =>
        r.Args.Count > 0 && RequestBody.TryParseId(r.Args[0], out var id) ? id : null;

    private static EndUserAgreement AgreementFor(ApiRequest r)
    {
        lock (r.State.Gate)
        {
            if (AccountId(r) is { } id && r.State.Accounts.TryGetValue(id, out var account)
                && r.State.Requisitions.TryGetValue(account.RequisitionId, out var requisition)
                && r.State.Agreements.TryGetValue(requisition.Agreement, out var agreement) && agreement.Accepted is not null)
            {
                return agreement;
            }
        }

        var now = r.State.Now;
        return new EndUserAgreement
        {
            Id = Guid.NewGuid(),
            Created = now.AddDays(-90),
            InstitutionId = "SANDBOXFINANCE_SFIN0000",
            MaxHistoricalDays = 90,
            AccessValidForDays = 90,
            AccessScope = AgreementEndpoints.AllScopes,
            Reconfirmation = false,
            Accepted = now.AddDays(-90),
        };
    }

    private static JsonObject StateErrorBody(ApiRequest r)
    {
        lock (r.State.Gate)
        {
            if (AccountId(r) is { } id && r.State.Accounts.TryGetValue(id, out var account))
            {
                var body = AccountEndpoints.ToJson(r.State, account);
                body["status"] = "ERROR";
                return body;
            }
        }

        return new JsonObject { ["id"] = (AccountId(r) ?? Guid.Empty).ToString(), ["status"] = "ERROR" };
    }
}
