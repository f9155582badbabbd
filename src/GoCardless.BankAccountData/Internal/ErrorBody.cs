using System.Globalization;
using System.Text.Json;

namespace GoCardless.BankAccountData.Internal;

/// <summary>
/// Reads GoCardless error bodies in all their shapes (§9): top-level summary/detail as strings or arrays, field-keyed objects, DRF string
/// lists, arrays of objects, and 409 bodies that are an account object. Never throws: an unreadable body yields only "not an object".
/// </summary>
internal sealed record ErrorBody(
    bool IsJsonObject,
    string? Summary,
    string? Detail,
    int? StatusCode,
    string? Type,
    IReadOnlyDictionary<string, IReadOnlyList<GoCardlessFieldError>> FieldErrors,
    string? AccountStatus)
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<GoCardlessFieldError>> NoFieldErrors =
        new Dictionary<string, IReadOnlyList<GoCardlessFieldError>>();

    public static ErrorBody NotAnObject { get; } = new(false, null, null, null, null, NoFieldErrors, null);

    public static ErrorBody Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return NotAnObject;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? Read(document.RootElement) : NotAnObject;
        }
        catch (JsonException)
        {
            return NotAnObject;
        }
    }

    private static ErrorBody Read(JsonElement root)
    {
        string? summary = null, detail = null, type = null, id = null, status = null;
        int? statusCode = null;
        var fields = new Dictionary<string, IReadOnlyList<GoCardlessFieldError>>(StringComparer.Ordinal);

        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "summary":
                    summary = Text(property.Value);
                    break;
                case "detail":
                    detail = Text(property.Value);
                    break;
                case "type":
                    type = Text(property.Value);
                    break;
                case "status_code":
                    statusCode = Integer(property.Value);
                    break;
                default:
                    if (property.Name == "id")
                    {
                        id = Text(property.Value);
                    }
                    else if (property.Name == "status")
                    {
                        status = Text(property.Value);
                    }

                    var errors = new List<GoCardlessFieldError>();
                    CollectFieldErrors(property.Value, errors);
                    if (errors.Count > 0)
                    {
                        fields[property.Name] = errors;
                    }

                    break;
            }
        }

        // A 409 may carry the account object itself ({"id": …, "status": "ERROR", …}); its properties are not field errors.
        string? accountStatus = null;
        if (id is not null && status is not null)
        {
            accountStatus = status;
            fields.Clear();
        }

        if (summary is null && fields.Count > 0)
        {
            var first = fields.Values.First()[0];
            summary = first.Summary ?? first.Detail;
            detail ??= first.Detail;
        }

        return new ErrorBody(true, summary, detail, statusCode, type, fields, accountStatus);
    }

    private static void CollectFieldErrors(JsonElement value, List<GoCardlessFieldError> errors)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var summary = value.TryGetProperty("summary", out var s) ? Text(s) : null;
                var detail = value.TryGetProperty("detail", out var d) ? Text(d) : null;
                if (summary is not null || detail is not null)
                {
                    errors.Add(new GoCardlessFieldError(summary, detail));
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    CollectFieldErrors(item, errors);
                }

                break;
            case JsonValueKind.String:
            case JsonValueKind.Number:
            case JsonValueKind.True:
            case JsonValueKind.False:
                var text = Text(value);
                if (!string.IsNullOrEmpty(text))
                {
                    errors.Add(new GoCardlessFieldError(text, text));
                }

                break;
            default:
                break;
        }
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Array => JoinArray(value),
        JsonValueKind.Object => value.TryGetProperty("summary", out var nested) ? Text(nested) : value.GetRawText(),
        _ => null,
    };

    private static string? JoinArray(JsonElement array)
    {
        var parts = array.EnumerateArray().Select(Text).Where(part => !string.IsNullOrEmpty(part)).ToList();
        return parts.Count == 0 ? null : string.Join(' ', parts);
    }

    private static int? Integer(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt32(out var number) => number,
        JsonValueKind.String when int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };
}
