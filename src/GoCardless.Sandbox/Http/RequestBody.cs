using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GoCardless.Sandbox;

/// <summary>Reads a request body the way DRF does: a JSON object, or form fields (all strings).</summary>
internal static class RequestBody
{
    private const int MaxBodyBytes = 64 * 1024;

    public static async Task<(JsonObject? Body, JsonObject? Error)> ReadAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(context.RequestAborted);
            var fromForm = new JsonObject();
            foreach (var (key, value) in form)
            {
                fromForm[key] = value.ToString();
            }

            return (fromForm, null);
        }

        using var reader = new StreamReader(request.Body);
        var buffer = new char[MaxBodyBytes];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), context.RequestAborted);
        var text = new string(buffer, 0, read);
        if (string.IsNullOrWhiteSpace(text))
        {
            return (new JsonObject(), null);
        }

        try
        {
            if (JsonNode.Parse(text) is JsonObject json)
            {
                return (json, null);
            }
        }
        catch (JsonException ex)
        {
            return (null, SandboxJson.Error("Parse error", "JSON parse error - " + ex.Message, 400));
        }

        return (null, SandboxJson.Error("Invalid data", "Expected a dictionary of items.", 400));
    }

    /// <summary>The DRF "Unknown fields" rejection, or null when every key is allowed.</summary>
    public static JsonObject? RejectUnknown(JsonObject body, params string[] allowed)
    {
        var unknown = body.Select(p => p.Key).Where(k => !allowed.Contains(k, StringComparer.Ordinal)).ToList();
        return unknown.Count == 0
            ? null
            : SandboxJson.Error("Unknown fields", $"Unknown fields {SandboxJson.PythonSet(unknown)} in payload", 400);
    }

    public static string? GetString(JsonObject body, string name) =>
        body[name] is JsonValue value && value.TryGetValue<string>(out var s) ? s : body[name]?.ToJsonString();

    /// <summary>An int the DRF way: a JSON number or a numeric string; <c>ok</c> false when present but not an int.</summary>
    public static bool TryGetInt(JsonObject body, string name, out int? result)
    {
        result = null;
        var node = body[name];
        if (node is null)
        {
            return true;
        }

        if (node is JsonValue value)
        {
            if (value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var i))
            {
                result = i;
                return true;
            }

            if (value.TryGetValue<string>(out var s) && int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out i))
            {
                result = i;
                return true;
            }
        }

        return false;
    }

    public static bool TryGetBool(JsonObject body, string name, out bool? result)
    {
        result = null;
        var node = body[name];
        if (node is null)
        {
            return true;
        }

        if (node is JsonValue value)
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.True:
                    result = true;
                    return true;
                case JsonValueKind.False:
                    result = false;
                    return true;
                case JsonValueKind.String:
                    var s = value.GetValue<string>();
                    if (s.Equals("true", StringComparison.OrdinalIgnoreCase) || s == "1")
                    {
                        result = true;
                        return true;
                    }

                    if (s.Equals("false", StringComparison.OrdinalIgnoreCase) || s == "0")
                    {
                        result = false;
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    /// <summary>UUIDs in URLs are accepted hyphenated or as 32 hex digits.</summary>
    public static bool TryParseId(string value, out Guid id) =>
        Guid.TryParseExact(value, "D", out id) || Guid.TryParseExact(value, "N", out id);
}
