using System.Text.Json.Nodes;

namespace GoCardless.Sandbox;

internal static class InstitutionEndpoints
{
    public static async Task ListAsync(ApiRequest r)
    {
        string? country = null;
        var required = new List<(string Feature, bool Value)>();
        foreach (var (key, value) in r.Query)
        {
            if (key == "country")
            {
                // DRF's filter ignores an empty value rather than rejecting it.
                country = string.IsNullOrEmpty(value.ToString()) ? null : value.ToString();
            }
            else if (InstitutionCatalogue.FeatureFilters.TryGetValue(key, out var feature))
            {
                var text = value.ToString();
                if (text is not ("true" or "false" or "True" or "False"))
                {
                    await r.JsonAsync(400, SandboxJson.FieldError(key, "Invalid value", $"'{text}' is not a valid boolean. Use true or false."));
                    return;
                }

                required.Add((feature, text.Equals("true", StringComparison.OrdinalIgnoreCase)));
            }
            else
            {
                await r.JsonAsync(400, SandboxJson.Error("Unknown fields", $"Unknown fields {SandboxJson.PythonSet([key])} in payload", 400));
                return;
            }
        }

        string? code = null;
        if (country is not null)
        {
            code = country.ToUpperInvariant();
            if (!InstitutionCatalogue.SupportedCountries.Contains(code))
            {
                await r.JsonAsync(400, SandboxJson.FieldError("country", "Invalid country choice.", $"{country} is not a valid choice."));
                return;
            }
        }

        var list = new JsonArray();
        foreach (var institution in InstitutionCatalogue.All)
        {
            // XX (the sandbox bank) appears only in the unfiltered list or when asked for by name.
            var countryMatches = code is null || institution.Countries.Contains(code, StringComparer.Ordinal);
            if (countryMatches && required.TrueForAll(f => institution.Supports(f.Feature) == f.Value))
            {
                list.Add(ToJson(institution, detailed: false));
            }
        }

        await r.JsonAsync(200, list);
    }

    public static async Task GetAsync(ApiRequest r)
    {
        var institution = InstitutionCatalogue.Find(r.Args[0]);
        if (institution is null)
        {
            await r.JsonAsync(404, SandboxJson.NotFound());
            return;
        }

        await r.JsonAsync(200, ToJson(institution, detailed: true));
    }

    public static JsonObject ToJson(Institution institution, bool detailed)
    {
        var json = new JsonObject
        {
            ["id"] = institution.Id,
            ["name"] = institution.Name,
            ["bic"] = institution.Bic,
            ["transaction_total_days"] = Invariant(institution.TransactionTotalDays),
            ["max_access_valid_for_days"] = Invariant(institution.MaxAccessValidForDays),
        };
        if (institution.ReconfirmationDays is { } days)
        {
            json["max_access_valid_for_days_reconfirmation"] = Invariant(days);
        }

        json["countries"] = new JsonArray([.. institution.Countries.Select(c => (JsonNode)c)]);
        json["logo"] = institution.Logo;
        if (detailed)
        {
            json["supported_payments"] = new JsonObject();
            json["supported_features"] = new JsonArray([.. institution.Features.Select(f => (JsonNode)f)]);
            json["identification_codes"] = new JsonArray();
        }

        return json;
    }

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
