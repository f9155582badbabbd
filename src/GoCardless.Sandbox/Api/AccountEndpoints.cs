using System.Globalization;
using System.Text.Json.Nodes;

namespace GoCardless.Sandbox;

internal static class AccountEndpoints
{
    private static readonly TimeSpan ScopeWindow = TimeSpan.FromHours(24);

    public static async Task MetadataAsync(ApiRequest r)
    {
        var raw = r.Args[0];
        if (!RequestBody.TryParseId(raw, out var id))
        {
            await r.JsonAsync(400, InvalidId(raw));
            return;
        }

        JsonObject? body = null;
        var state = r.State;
        lock (state.Gate)
        {
            if (state.Accounts.TryGetValue(id, out var account))
            {
                ExpireLazily(state, account);
                state.RefreshProcessing(account);
                body = ToJson(state, account);
            }
        }

        await r.JsonAsync(body is null ? 404 : 200,
            body ?? SandboxJson.Error("No Account matches the given query.", "No Account matches the given query.", 404));
    }

    public static Task DetailsAsync(ApiRequest r) => DataAsync(r, "details");

    public static Task BalancesAsync(ApiRequest r) => DataAsync(r, "balances");

    public static Task TransactionsAsync(ApiRequest r) => DataAsync(r, "transactions");

    /// <summary>The checks of gocardless.md §13 item 7, in order, then the per-scope limit, then the generated data.</summary>
    private static async Task DataAsync(ApiRequest r, string scope)
    {
        var raw = r.Args[0];
        if (!RequestBody.TryParseId(raw, out var id))
        {
            await r.JsonAsync(400, InvalidId(raw));
            return;
        }

        var state = r.State;
        var options = state.Options;
        int status;
        JsonObject? error = null;
        AccountIdentity? identity = null;
        var historyDays = 0;
        var now = state.Now;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        (DateOnly? From, DateOnly? To) range = default;
        lock (state.Gate)
        {
            (status, error) = Check(r, id, scope, today, ref range, out var account, out var agreement);
            if (error is null)
            {
                var limit = options.PerScopeDailyLimit;
                if (limit > 0)
                {
                    var key = (id, scope);
                    if (!state.ScopeSuccesses.TryGetValue(key, out var successes))
                    {
                        successes = state.ScopeSuccesses[key] = [];
                    }

                    successes.RemoveAll(t => t <= now - ScopeWindow);
                    if (successes.Count >= limit)
                    {
                        var wait = SecondsUntilFree(successes, now);
                        WriteScopeHeaders(r, limit, 0, wait);
                        status = 429;
                        error = SandboxJson.Error("Rate limit exceeded",
                            $"The rate limit for this resource is {limit}/day. Please try again in {wait} seconds", 429);
                    }
                    else
                    {
                        if (!r.IsFaulted)
                        {
                            successes.Add(now);
                        }

                        WriteScopeHeaders(r, limit, limit - successes.Count, SecondsUntilFree(successes, now));
                    }
                }

                if (error is null)
                {
                    account!.LastAccessed = now;
                    identity = AccountIdentity.Create(options.Seed, InstitutionCatalogue.Find(account.InstitutionId)!, account.Psu, account.Ordinal);
                    historyDays = agreement!.MaxHistoricalDays;
                }
            }
        }

        if (error is not null)
        {
            await r.JsonAsync(status, error);
            return;
        }

        var seed = options.Seed;
        JsonObject body = scope switch
        {
            "details" => BankData.Details(identity!),
            "balances" => BankData.Balances(seed, identity!, today, now),
            _ => BankData.Transactions(seed, identity!, id, string.Equals(options.InternalIdScope, "account", StringComparison.OrdinalIgnoreCase),
                today, today.AddDays(-historyDays), range.From, range.To, now),
        };
        await r.JsonAsync(200, body);
    }

    private static (int Status, JsonObject? Error) Check(ApiRequest r, Guid id, string scope, DateOnly today,
        ref (DateOnly? From, DateOnly? To) range, out SandboxAccount? account, out EndUserAgreement? agreement)
    {
        var state = r.State;
        agreement = null;
        if (!state.Accounts.TryGetValue(id, out account))
        {
            return (404, SandboxJson.Error($"Account ID {id} not found", "Please check whether you specified a valid Account ID", 404));
        }

        if (!state.Requisitions.TryGetValue(account.RequisitionId, out var requisition)
            || !state.Agreements.TryGetValue(requisition.Agreement, out agreement))
        {
            return (403, SandboxJson.Error("No valid End User Agreement",
                "Account exists but there is no valid End User Agreement permitting you to access it", 403));
        }

        if (ExpireLazily(state, account))
        {
            return (401, EuaExpired(agreement));
        }

        if (!agreement.AccessScope.Contains(scope, StringComparer.Ordinal))
        {
            return (403, ScopeError(scope));
        }

        state.RefreshProcessing(account);
        var statusError = account.Status switch
        {
            "READY" => null,
            "PROCESSING" or "DISCOVERED" => ((int, JsonObject)?)(409, Processing(id)),
            "SUSPENDED" => (409, Suspended()),
            "EXPIRED" => (401, CouldNotUpdate(scope, "Access has expired or it has been revoked. To restore access reconnect the account.",
                "AccessExpiredError", 401)),
            _ => (409, ToJson(state, account)),
        };
        if (statusError is { } se)
        {
            return se;
        }

        if (scope == "transactions")
        {
            var dateError = ParseDates(r, today, out var from, out var to);
            if (dateError is not null)
            {
                return (400, dateError);
            }

            range = (from, to);
        }

        return (200, null);
    }

    /// <summary>EX is set only when an account of the requisition is touched after the EUA ran out (gocardless.md §13 item 8).</summary>
    public static bool ExpireLazily(SandboxState state, SandboxAccount account)
    {
        if (!state.Requisitions.TryGetValue(account.RequisitionId, out var requisition)
            || !state.Agreements.TryGetValue(requisition.Agreement, out var agreement)
            || agreement.ExpiresAt is not { } expiresAt || state.Now < expiresAt)
        {
            return false;
        }

        requisition.Status = "EX";
        foreach (var accountId in requisition.Accounts)
        {
            if (state.Accounts.TryGetValue(accountId, out var sibling))
            {
                sibling.Status = "EXPIRED";
            }
        }

        return true;
    }

    private static JsonObject? ParseDates(ApiRequest r, DateOnly today, out DateOnly? from, out DateOnly? to)
    {
        from = null;
        to = null;
        var errors = new JsonObject();
        foreach (var name in new[] { "date_from", "date_to" })
        {
            var text = r.Query[name].ToString();
            if (text.Length == 0)
            {
                continue;
            }

            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors[name] = new JsonArray("Date has wrong format. Use one of these formats instead: YYYY-MM-DD.");
                continue;
            }

            if (date > today)
            {
                errors[name] = new JsonObject
                {
                    ["summary"] = "Date can't be in future",
                    ["detail"] = $"'{text}' can't be greater than {SandboxJson.Date(today)}. Specify correct date range",
                };
                continue;
            }

            if (name == "date_from")
            {
                from = date;
            }
            else
            {
                to = date;
            }
        }

        if (errors.Count > 0)
        {
            errors["status_code"] = 400;
            return errors;
        }

        if (from is { } f && to is { } t && f > t)
        {
            return SandboxJson.Error("Incorrect date range",
                $"Starting date '{SandboxJson.Date(f)}' is greater than end date '{SandboxJson.Date(t)}'. " +
                "When specifying date range, starting date must precede the end date", 400);
        }

        return null;
    }

    private static long SecondsUntilFree(List<DateTimeOffset> successes, DateTimeOffset now) =>
        successes.Count == 0 ? 0 : (long)Math.Ceiling((successes.Min() + ScopeWindow - now).TotalSeconds);

    public static void WriteScopeHeaders(ApiRequest r, int limit, int remaining, long reset)
    {
        r.Header("http_x_ratelimit_account_success_limit", limit);
        r.Header("http_x_ratelimit_account_success_remaining", remaining);
        r.Header("http_x_ratelimit_account_success_reset", reset);
    }

    public static JsonObject InvalidId(string raw) =>
        SandboxJson.Error("Invalid Account ID", $"{raw} is not a valid Account UUID. ", 400);

    public static JsonObject EuaExpired(EndUserAgreement agreement) =>
        new()
        {
            ["summary"] = $"End User Agreement (EUA) {agreement.Id} has expired",
            ["detail"] = $"EUA was valid for {agreement.AccessValidForDays} days and it expired at " +
                $"{SandboxJson.PythonDateTime(agreement.ExpiresAt ?? agreement.Created)}. " +
                "The end user must connect the account once more with new EUA and Requisition",
            ["status_code"] = 401,
        };

    public static JsonObject ScopeError(string scope) =>
        SandboxJson.Error("End User Agreement (EUA) access scope error",
            $"EUA doesn't allow access to account {scope}. Check EUA access scope. Or create new EUA with correct access scope", 403);

    public static JsonObject Processing(Guid id) =>
        SandboxJson.Error("Account is Processing",
            $"Your account data is currently being processed. Please try again shortly, or poll /accounts/{id}/ endpoint and retry when status is READY",
            409, "AccountProcessing");

    public static JsonObject Suspended() =>
        SandboxJson.Error("Account suspended",
            "This account or its requisition was suspended due to numerous errors that occurred while accessing it.", 409);

    public static JsonObject CouldNotUpdate(string thing, string detail, string type, int status) =>
        SandboxJson.Error($"Couldn't update account {thing}", detail, status, type);

    public static JsonObject ToJson(SandboxState state, SandboxAccount account)
    {
        var identity = AccountIdentity.Create(state.Options.Seed, InstitutionCatalogue.Find(account.InstitutionId)!, account.Psu, account.Ordinal);
        return new JsonObject
        {
            ["id"] = account.Id.ToString(),
            ["created"] = SandboxJson.Timestamp(account.Created),
            ["last_accessed"] = SandboxJson.Timestamp(account.LastAccessed),
            ["iban"] = identity.Iban ?? "",
            ["bban"] = identity.Bban,
            ["status"] = account.Status,
            ["institution_id"] = account.InstitutionId,
            ["owner_name"] = identity.OwnerName,
            ["name"] = identity.Template.Name,
        };
    }
}
