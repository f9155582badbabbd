using System.Globalization;
using System.Text.Json.Nodes;

namespace GoCardless.Sandbox;

/// <summary>DRF's LimitOffsetPagination: absolute <c>next</c>/<c>previous</c> URLs, <c>offset</c> dropped when it would be 0.</summary>
internal static class Pagination
{
    public static JsonObject Page<T>(ApiRequest r, string path, IReadOnlyList<T> items, Func<T, JsonNode> toJson)
    {
        var limit = Parse(r.Query["limit"], 100, 1);
        var offset = Parse(r.Query["offset"], 0, 0);
        var url = r.BaseUrl + "/api/v2/" + path;
        string Link(int o) => o <= 0
            ? $"{url}?limit={limit.ToString(CultureInfo.InvariantCulture)}"
            : $"{url}?limit={limit.ToString(CultureInfo.InvariantCulture)}&offset={o.ToString(CultureInfo.InvariantCulture)}";

        var results = new JsonArray([.. items.Skip(offset).Take(limit).Select(toJson)]);
        return new JsonObject
        {
            ["count"] = items.Count,
            ["next"] = offset + limit < items.Count ? Link(offset + limit) : null,
            ["previous"] = offset > 0 ? Link(Math.Max(0, offset - limit)) : null,
            ["results"] = results,
        };
    }

    private static int Parse(string? value, int fallback, int minimum) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= minimum ? parsed : fallback;
}
