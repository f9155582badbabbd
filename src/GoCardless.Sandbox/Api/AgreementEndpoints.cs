using System.Text.Json.Nodes;

namespace GoCardless.Sandbox;

internal static class AgreementEndpoints
{
    public static readonly string[] AllScopes = ["balances", "details", "transactions"];

    public static async Task CreateAsync(ApiRequest r)
    {
        var (body, error) = await RequestBody.ReadAsync(r.Http);
        if (body is null)
        {
            await r.JsonAsync(400, error!);
            return;
        }

        var (status, result) = Create(r.State, body);
        await r.JsonAsync(status, result);
    }

    /// <summary>Validates in the order the real API seems to: fields, institution, days, scopes, bank rules.</summary>
    private static (int Status, JsonObject Body) Create(SandboxState state, JsonObject body)
    {
        if (RequestBody.RejectUnknown(body, "institution_id", "max_historical_days", "access_valid_for_days", "access_scope", "reconfirmation")
            is { } unknown)
        {
            return (400, unknown);
        }

        var institutionId = RequestBody.GetString(body, "institution_id");
        if (institutionId is null)
        {
            return (400, SandboxJson.FieldList(400, "institution_id", "This field is required."));
        }

        var institution = InstitutionCatalogue.Find(institutionId);
        if (institution is null)
        {
            return (400, SandboxJson.FieldError("institution_id", $"Unknown Institution ID {institutionId}",
                "Get Institution IDs from /institutions/?country={$COUNTRY_CODE}"));
        }

        if (!state.IsOperational(institution))
        {
            return (503, NotOperational(institution.Id));
        }

        if (!RequestBody.TryGetInt(body, "max_historical_days", out var history))
        {
            return (400, SandboxJson.FieldList(400, "max_historical_days", "A valid integer is required."));
        }

        if (!RequestBody.TryGetInt(body, "access_valid_for_days", out var access))
        {
            return (400, SandboxJson.FieldList(400, "access_valid_for_days", "A valid integer is required."));
        }

        if (!RequestBody.TryGetBool(body, "reconfirmation", out var reconfirmation))
        {
            return (400, SandboxJson.FieldList(400, "reconfirmation", "Must be a valid boolean."));
        }

        var maxHistory = Math.Min(730, institution.TransactionTotalDays);
        var historyDays = history ?? Math.Min(90, maxHistory);
        if (historyDays < 1 || historyDays > maxHistory)
        {
            return (400, SandboxJson.FieldError("max_historical_days", "Incorrect max_historical_days",
                $"max_historical_days must be > 0 and <= {institution.Id} transaction_total_days ({institution.TransactionTotalDays})"));
        }

        var maxAccess = Math.Min(180, institution.MaxAccessValidForDays);
        var accessDays = access ?? Math.Min(90, maxAccess);
        if (accessDays < 1 || accessDays > maxAccess)
        {
            return (400, SandboxJson.FieldError("access_valid_for_days", "Incorrect access_valid_for_days",
                $"access_valid_for_days must be > 0 and <= {maxAccess}"));
        }

        string[] scopes = AllScopes;
        var scopeNode = body["access_scope"];
        if (scopeNode is not null)
        {
            if (scopeNode is not JsonArray array || array.Any(n => n is not JsonValue v || !v.TryGetValue<string>(out _)))
            {
                return (400, SandboxJson.FieldList(400, "access_scope", "Expected a list of items but got type \"str\"."));
            }

            scopes = [.. array.Select(n => n!.GetValue<string>())];
            if (scopes.Length == 0)
            {
                return (400, SandboxJson.FieldError("access_scope", "Field 'access_scope' may not be an empty list.",
                    "Please choose one or several of ['balances', 'details', 'transactions']."));
            }

            if (scopes.FirstOrDefault(s => !AllScopes.Contains(s, StringComparer.Ordinal)) is { } bad)
            {
                return (400, SandboxJson.FieldError("access_scope", $"Unknown value '{bad}' in access_scope",
                    "Choose one or several from ['balances', 'details', 'transactions']"));
            }

            scopes = [.. AllScopes.Where(s => scopes.Contains(s, StringComparer.Ordinal))];
        }

        if (institution.Quirks.HasFlag(BankQuirks.DetailsBalancesTogether)
            && scopes.Contains("details", StringComparer.Ordinal) != scopes.Contains("balances", StringComparer.Ordinal))
        {
            return (400, SandboxJson.Error("Institution access scope dependencies error",
                "For this institution the following scopes are required together: ['details', 'balances']", 400));
        }

        if (reconfirmation == true && !institution.Supports("reconfirmation_of_consent"))
        {
            return (400, SandboxJson.FieldError("reconfirmation", "Reconfirmation not supported",
                $"Reconfirmation is not supported for {institution.Id}"));
        }

        lock (state.Gate)
        {
            var agreement = new EndUserAgreement
            {
                Id = Guid.NewGuid(),
                Created = state.Now,
                InstitutionId = institution.Id,
                MaxHistoricalDays = historyDays,
                AccessValidForDays = accessDays,
                AccessScope = scopes,
                Reconfirmation = reconfirmation ?? false,
            };
            state.Agreements[agreement.Id] = agreement;
            return (201, ToJson(agreement));
        }
    }

    public static async Task ListAsync(ApiRequest r)
    {
        List<EndUserAgreement> items;
        lock (r.State.Gate)
        {
            items = [.. r.State.Agreements.Values.OrderBy(a => a.Created).ThenBy(a => a.Id)];
        }

        await r.JsonAsync(200, Pagination.Page(r, "agreements/enduser/", items, ToJson));
    }

    public static async Task GetAsync(ApiRequest r)
    {
        var (status, body) = Find(r, (_, agreement) => (200, ToJson(agreement)));
        await r.JsonAsync(status, body);
    }

    public static async Task DeleteAsync(ApiRequest r)
    {
        var (status, body) = Find(r, (state, agreement) =>
        {
            if (agreement.Accepted is not null)
            {
                return (400, SandboxJson.Error("Cannot delete End User Agreement",
                    $"Cannot delete accepted End User Agreement: {agreement.Id}. Only non accepted agreements can be deleted", 400));
            }

            state.Agreements.Remove(agreement.Id);
            return (200, new JsonObject
            {
                ["summary"] = "End User Agreement deleted",
                ["detail"] = $"End User Agreement {agreement.Id} deleted",
            });
        });
        await r.JsonAsync(status, body);
    }

    /// <summary>Only GoCardless's own consent form may accept an EUA; companies always get 403.</summary>
    public static Task AcceptAsync(ApiRequest r) =>
        r.JsonAsync(403, SandboxJson.Error("Insufficient permissions",
            "Your company doesn't have permission to accept EUA. You'll have to use our default form for this action.", 403));

    public static JsonObject NotOperational(string institutionId) =>
        SandboxJson.Error($"Institution {institutionId} is not operational",
            $"Institution {institutionId} is down or under maintenance. Try again later or contact support if the issue persists.", 503);

    public static JsonObject ToJson(EndUserAgreement agreement) => new()
    {
        ["id"] = agreement.Id.ToString(),
        ["created"] = SandboxJson.Timestamp(agreement.Created),
        ["institution_id"] = agreement.InstitutionId,
        ["max_historical_days"] = agreement.MaxHistoricalDays,
        ["access_valid_for_days"] = agreement.AccessValidForDays,
        ["access_scope"] = new JsonArray([.. agreement.AccessScope.Select(s => (JsonNode)s)]),
        ["accepted"] = SandboxJson.Timestamp(agreement.Accepted),
        ["reconfirmation"] = agreement.Reconfirmation,
    };

    private static (int Status, JsonObject Body) Find(ApiRequest r, Func<SandboxState, EndUserAgreement, (int, JsonObject)> found)
    {
        var raw = r.Args[0];
        if (!RequestBody.TryParseId(raw, out var id))
        {
            return (400, SandboxJson.Error("Invalid EndUserAgreement ID", $"{raw} is not a valid EndUserAgreement UUID. ", 400));
        }

        lock (r.State.Gate)
        {
            return r.State.Agreements.TryGetValue(id, out var agreement) ? found(r.State, agreement) : (404, SandboxJson.NotFound());
        }
    }
}
