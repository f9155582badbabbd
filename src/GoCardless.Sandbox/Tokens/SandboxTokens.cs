using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GoCardless.Sandbox;

/// <summary>HS256 JWTs with real <c>exp</c>: clients decode the payload, so the tokens must be syntactically real.</summary>
internal static class SandboxTokens
{
    private static readonly string Header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8);

    public static string Issue(SandboxState state, string tokenType, TimeSpan lifetime, string secretId)
    {
        var now = state.Now.ToUnixTimeSeconds();
        var payload = new JsonObject
        {
            ["token_type"] = tokenType,
            ["exp"] = now + (long)lifetime.TotalSeconds,
            ["iat"] = now,
            ["jti"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            ["secret_id"] = secretId,
        };
        var unsigned = Header + "." + Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return unsigned + "." + Base64Url(HMACSHA256.HashData(state.TokenKey, Encoding.ASCII.GetBytes(unsigned)));
    }

    /// <summary>The payload when the token is ours, of the expected type and not expired; otherwise null.</summary>
    public static JsonObject? Validate(SandboxState state, string? token, string expectedType)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        var expected = HMACSHA256.HashData(state.TokenKey, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        var actual = FromBase64Url(parts[2]);
        if (actual is null || !CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            return null;
        }

        try
        {
            var payloadBytes = FromBase64Url(parts[1]);
            if (payloadBytes is null || JsonNode.Parse(payloadBytes) is not JsonObject payload)
            {
                return null;
            }

            var type = payload["token_type"]?.GetValue<string>();
            var exp = payload["exp"]?.GetValue<long>();
            return type == expectedType && exp is { } e && state.Now.ToUnixTimeSeconds() < e ? payload : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static string? BearerToken(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    public static long Seconds(TimeSpan lifetime) => (long)lifetime.TotalSeconds;

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        s = (s.Length % 4) switch
        {
            2 => s + "==",
            3 => s + "=",
            _ => s,
        };
        try
        {
            return Convert.FromBase64String(s);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
