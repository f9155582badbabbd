using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GoCardless.Sandbox;

/// <summary>
/// Our own serializer settings and writers: the sandbox is mounted inside apps with their own JSON options, problem details and
/// status-code pages, so it never lets the host shape a response.
/// </summary>
internal static class SandboxJson
{
    // DRF writes apostrophes and non-ASCII as they are; the default encoder would turn "{'x'}" into "{\u0027x\u0027}".
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static string Serialize(JsonNode? node) => node?.ToJsonString(Options) ?? "null";

    public static async Task WriteAsync(HttpContext context, int status, JsonNode? body)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await response.WriteAsync(Serialize(body), Encoding.UTF8, context.RequestAborted);
    }

    public static async Task WriteRawAsync(HttpContext context, int status, string contentType, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body, Encoding.UTF8, context.RequestAborted);
    }

    public static JsonObject Error(string summary, string detail, int status, string? type = null)
    {
        var body = new JsonObject { ["summary"] = summary, ["detail"] = detail };
        if (type is not null)
        {
            body["type"] = type;
        }

        body["status_code"] = status;
        return body;
    }

    public static JsonObject FieldError(string field, string summary, string detail, int status = 400) =>
        new()
        {
            [field] = new JsonObject { ["summary"] = summary, ["detail"] = detail },
            ["status_code"] = status,
        };

    public static JsonObject FieldList(int status, params string[] fieldsAndMessages)
    {
        var body = new JsonObject();
        for (var i = 0; i < fieldsAndMessages.Length; i += 2)
        {
            body[fieldsAndMessages[i]] = new JsonArray(fieldsAndMessages[i + 1]);
        }

        body["status_code"] = status;
        return body;
    }

    public static JsonObject NotFound() => Error("Not found.", "Not found.", 404);

    /// <summary>Resource timestamps: UTC, six fractional digits, <c>Z</c>.</summary>
    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static JsonNode? Timestamp(DateTimeOffset? value) => value is { } v ? JsonValue.Create(Timestamp(v)) : null;

    /// <summary>The <c>str(datetime)</c> form Python error texts embed.</summary>
    public static string PythonDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00:00";

    public static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Python's repr of a set of strings: <c>{'a', 'b'}</c>.</summary>
    public static string PythonSet(IEnumerable<string> values) => "{" + string.Join(", ", values.Select(v => "'" + v + "'")) + "}";
}
