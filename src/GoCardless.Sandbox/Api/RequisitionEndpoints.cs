using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace GoCardless.Sandbox;

internal static class RequisitionEndpoints
{
    private static readonly FrozenSet<string> Languages = new[]
    {
        "BG", "CS", "DA", "DE", "EL", "EN", "ES", "ET", "FI", "FR", "HR", "HU", "IS", "IT", "LT", "LV", "MT", "NL", "NO", "PL", "PT", "RO",
        "SK", "SL", "SV", "GA",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static async Task CreateAsync(ApiRequest r)
    {
        var (body, error) = await RequestBody.ReadAsync(r.Http);
        if (body is null)
        {
            await r.JsonAsync(400, error!);
            return;
        }

        var (status, result) = Create(r, body);
        await r.JsonAsync(status, result);
    }

    private static (int Status, JsonObject Body) Create(ApiRequest r, JsonObject body)
    {
        if (RequestBody.RejectUnknown(body, "redirect", "institution_id", "agreement", "reference", "user_language", "ssn",
                "account_selection", "redirect_immediate") is { } unknown)
        {
            return (400, unknown);
        }

        var redirect = RequestBody.GetString(body, "redirect");
        if (redirect is null)
        {
            return (400, SandboxJson.FieldList(400, "redirect", "This field is required."));
        }

        if (redirect.Length == 0)
        {
            return (400, SandboxJson.FieldError("redirect", "Redirect URL is required", "Redirect URI must have a valid URI structure"));
        }

        if (redirect.Length > 1024 || !Uri.TryCreate(redirect, UriKind.Absolute, out var redirectUri)
            || (redirectUri.Scheme != Uri.UriSchemeHttp && redirectUri.Scheme != Uri.UriSchemeHttps))
        {
            return (400, SandboxJson.FieldError("redirect", "Invalid redirect URI", "Redirect URI must have a valid URI structure"));
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

        var reference = RequestBody.GetString(body, "reference");
        if (reference is not null && reference.Length == 0)
        {
            return (400, SandboxJson.FieldList(400, "reference", "This field may not be blank."));
        }

        if (reference is { Length: > 256 })
        {
            return (400, SandboxJson.FieldList(400, "reference", "Ensure this field has no more than 256 characters."));
        }

        var language = RequestBody.GetString(body, "user_language");
        if (language is not null && (language.Length > 5 || !Languages.Contains(language.ToUpperInvariant())))
        {
            return (400, SandboxJson.FieldError("user_language", "Provided user_language is invalid or not supported",
                $"'{language}' is an invalid or unsupported language"));
        }

        var ssn = RequestBody.GetString(body, "ssn");
        if (ssn is not null && (ssn.Length > 64 || !institution.Supports("ssn_verification")))
        {
            return (400, SandboxJson.FieldError("ssn", "SSN verification not supported", $"SSN verification not supported for {institution.Id}"));
        }

        if (!RequestBody.TryGetBool(body, "account_selection", out var accountSelection))
        {
            return (400, SandboxJson.FieldList(400, "account_selection", "Must be a valid boolean."));
        }

        if (!RequestBody.TryGetBool(body, "redirect_immediate", out var redirectImmediate))
        {
            return (400, SandboxJson.FieldList(400, "redirect_immediate", "Must be a valid boolean."));
        }

        if (accountSelection == true && !institution.Supports("account_selection"))
        {
            return (400, SandboxJson.FieldError("account_selection", "Account selection not supported",
                $"Account selection not supported for {institution.Id}"));
        }

        Guid? agreementId = null;
        var agreementText = RequestBody.GetString(body, "agreement");
        if (agreementText is not null)
        {
            if (!RequestBody.TryParseId(agreementText, out var parsed))
            {
                return (400, SandboxJson.FieldError("agreement", "Invalid End User Agreement (EUA) ID",
                    $"{agreementText} is not a valid End User Agreement (EUA) UUID. "));
            }

            agreementId = parsed;
        }

        if (!r.State.IsOperational(institution))
        {
            return (503, AgreementEndpoints.NotOperational(institution.Id));
        }

        var state = r.State;
        lock (state.Gate)
        {
            EndUserAgreement agreement;
            if (agreementId is { } existing)
            {
                if (!state.Agreements.TryGetValue(existing, out var found))
                {
                    return (404, SandboxJson.FieldError("agreement", $"ID {existing} not found", "Please check whether you specified a valid ID", 404));
                }

                if (found.InstitutionId != institution.Id)
                {
                    return (400, SandboxJson.FieldError("agreement", $"Incorrect Institution ID {institution.Id}",
                        $"Provided Institution ID: '{institution.Id}' for requisition does not match EUA institution ID '{found.InstitutionId}'. " +
                        $"Please provide correct institution ID: '{found.InstitutionId}'"));
                }

                agreement = found;
            }
            else
            {
                agreement = new EndUserAgreement
                {
                    Id = Guid.NewGuid(),
                    Created = state.Now,
                    InstitutionId = institution.Id,
                    MaxHistoricalDays = Math.Min(90, institution.TransactionTotalDays),
                    AccessValidForDays = Math.Min(90, institution.MaxAccessValidForDays),
                    AccessScope = AgreementEndpoints.AllScopes,
                    Reconfirmation = false,
                };
            }

            var id = Guid.NewGuid();
            var finalReference = reference ?? id.ToString();
            if (state.Requisitions.Values.Any(q => string.Equals(q.Reference, finalReference, StringComparison.Ordinal)))
            {
                return (400, SandboxJson.FieldError("reference", "Client reference must be unique", $"Client reference: {finalReference} already exists"));
            }

            state.Agreements[agreement.Id] = agreement;
            var requisition = new Requisition
            {
                Id = id,
                Created = state.Now,
                Redirect = redirect,
                InstitutionId = institution.Id,
                Agreement = agreement.Id,
                Reference = finalReference,
                LinkId = Guid.NewGuid(),
                UserLanguage = language,
                Ssn = ssn,
                AccountSelection = accountSelection ?? false,
                RedirectImmediate = redirectImmediate ?? false,
            };
            state.Requisitions[id] = requisition;
            return (201, ToJson(requisition, r.BaseUrl));
        }
    }

    public static async Task ListAsync(ApiRequest r)
    {
        List<Requisition> items;
        lock (r.State.Gate)
        {
            items = [.. r.State.Requisitions.Values.OrderBy(q => q.Created).ThenBy(q => q.Id)];
        }

        await r.JsonAsync(200, Pagination.Page(r, "requisitions/", items, q => ToJson(q, r.BaseUrl)));
    }

    public static async Task GetAsync(ApiRequest r)
    {
        JsonObject? body = null;
        if (RequestBody.TryParseId(r.Args[0], out var id))
        {
            lock (r.State.Gate)
            {
                if (r.State.Requisitions.TryGetValue(id, out var requisition))
                {
                    body = ToJson(requisition, r.BaseUrl);
                }
            }
        }

        await r.JsonAsync(body is null ? 404 : 200, body ?? SandboxJson.NotFound());
    }

    public static async Task DeleteAsync(ApiRequest r)
    {
        var deleted = false;
        if (RequestBody.TryParseId(r.Args[0], out var id))
        {
            lock (r.State.Gate)
            {
                if (r.State.Requisitions.Remove(id, out var requisition))
                {
                    r.State.Agreements.Remove(requisition.Agreement);
                    deleted = true;
                }
            }
        }

        await r.JsonAsync(deleted ? 200 : 404, deleted
            ? new JsonObject { ["summary"] = "Requisition deleted", ["detail"] = $"Requisition {id} deleted with all its End User Agreements" }
            : SandboxJson.NotFound());
    }

    public static string Link(Requisition requisition, string baseUrl) =>
        $"{baseUrl}/ob-psd2/start/{requisition.LinkId}/{requisition.InstitutionId}";

    public static JsonObject ToJson(Requisition requisition, string baseUrl) => new()
    {
        ["id"] = requisition.Id.ToString(),
        ["created"] = SandboxJson.Timestamp(requisition.Created),
        ["redirect"] = requisition.Redirect,
        ["status"] = requisition.Status,
        ["institution_id"] = requisition.InstitutionId,
        ["agreement"] = requisition.Agreement.ToString(),
        ["reference"] = requisition.Reference,
        ["accounts"] = new JsonArray([.. requisition.Accounts.Select(a => (JsonNode)a.ToString())]),
        ["user_language"] = requisition.UserLanguage,
        ["link"] = Link(requisition, baseUrl),
        ["ssn"] = requisition.Ssn,
        ["account_selection"] = requisition.AccountSelection,
        ["redirect_immediate"] = requisition.RedirectImmediate,
    };
}
