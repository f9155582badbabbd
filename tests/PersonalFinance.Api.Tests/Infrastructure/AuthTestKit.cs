using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using PersonalFinance.Api.Auth;

namespace PersonalFinance.Api.Tests.Infrastructure;

/// Wraps the app's real hasher and counts what reaches it (S4, S5).
internal sealed class CountingPasswordHasher(IPasswordHasher<User> inner) : IPasswordHasher<User>
{
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(User user, string password) => inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }

    /// Replaces the app's <see cref="IPasswordHasher{User}"/> registration with a counting decorator around it,
    /// and returns how many verifications reached it so far.
    public static Func<int> Install(TestApiOptions options)
    {
        CountingPasswordHasher? instance = null;
        options.ConfigureServices += services =>
        {
            var real = services.Last(d => d.ServiceType == typeof(IPasswordHasher<User>));
            services.Remove(real);
            services.AddSingleton<IPasswordHasher<User>>(sp =>
                instance = new CountingPasswordHasher((IPasswordHasher<User>)real.ImplementationFactory!(sp)));
        };
        return () => instance?.Verifications ?? 0;
    }
}

/// Hand-made JWTs (base64url + HMAC) for the token validation tests (S7, S9).
internal static class TestJwt
{
    public const string Issuer = "personalfinance";
    public const string Audience = "personalfinance-api";

    public static Dictionary<string, object> Claims(Guid userId, DateTimeOffset now, TimeSpan? lifetime = null) => new()
    {
        ["sub"] = userId.ToString(),
        ["iss"] = Issuer,
        ["aud"] = Audience,
        ["iat"] = now.ToUnixTimeSeconds(),
        ["nbf"] = now.ToUnixTimeSeconds(),
        ["exp"] = (now + (lifetime ?? TimeSpan.FromMinutes(15))).ToUnixTimeSeconds(),
    };

    /// Signs with HMAC when <paramref name="alg"/> is HS256/384/512 and the key is given; "none" leaves the signature empty.
    public static string Create(IReadOnlyDictionary<string, object> claims, string alg = "HS256", string key = TestApi.SigningKey)
    {
        var header = Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = alg, ["typ"] = "JWT" }));
        var payload = Encode(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signingInput = $"{header}.{payload}";
        return $"{signingInput}.{Sign(signingInput, alg, key)}";
    }

    public static string Sign(string signingInput, string alg, string key = TestApi.SigningKey)
    {
        var keyBytes = Encoding.UTF8.GetBytes(key);
        var input = Encoding.ASCII.GetBytes(signingInput);
        return alg switch
        {
            "HS256" => Encode(HMACSHA256.HashData(keyBytes, input)),
            "HS384" => Encode(HMACSHA384.HashData(keyBytes, input)),
            "HS512" => Encode(HMACSHA512.HashData(keyBytes, input)),
            _ => string.Empty,
        };
    }

    public static JsonElement ReadPayload(string jwt) =>
        JsonDocument.Parse(Decode(jwt.Split('.')[1])).RootElement.Clone();

    public static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Decode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}

/// A parsed <c>Set-Cookie</c> header.
internal sealed record SetCookie(string Name, string Value, IReadOnlyDictionary<string, string> Attributes)
{
    public bool Has(string attribute) => Attributes.ContainsKey(attribute);

    public string? this[string attribute] => Attributes.TryGetValue(attribute, out var value) ? value : null;

    public static SetCookie Parse(string header)
    {
        var parts = header.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var (name, value) = Split(parts[0]);
        var attributes = parts.Skip(1).Select(Split).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        return new SetCookie(name, value, attributes);
    }

    /// The single refresh_token cookie a response sets.
    public static SetCookie Refresh(HttpResponseMessage response)
    {
        Assert.True(response.Headers.TryGetValues("Set-Cookie", out var values), "Expected a Set-Cookie header.");
        return Assert.Single(values.Select(Parse), c => c.Name == RefreshCookie.Name);
    }

    private static (string Key, string Value) Split(string part)
    {
        var index = part.IndexOf('=', StringComparison.Ordinal);
        return index < 0 ? (part, string.Empty) : (part[..index], part[(index + 1)..]);
    }
}

internal static class AuthClientExtensions
{
    public static async Task<HttpResponseMessage> RefreshAsync(this HttpClient client, string? refreshToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/refresh");
        if (refreshToken is not null)
        {
            request.Headers.Add("Cookie", $"{RefreshCookie.Name}={refreshToken}");
        }

        return await client.SendAsync(request, cancellationToken);
    }

    public static async Task<HttpResponseMessage> LogoutAsync(this HttpClient client, string? refreshToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/logout");
        if (refreshToken is not null)
        {
            request.Headers.Add("Cookie", $"{RefreshCookie.Name}={refreshToken}");
        }

        return await client.SendAsync(request, cancellationToken);
    }

    public static async Task<HttpResponseMessage> GetMeAsync(this HttpClient client, string? accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/auth/me");
        if (accessToken is not null)
        {
            request.Headers.Authorization = new("Bearer", accessToken);
        }

        return await client.SendAsync(request, cancellationToken);
    }

    public static async Task<HttpResponseMessage> RegisterAsync(this HttpClient client, object body, string? adminToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/register") { Content = JsonContent.Create(body) };
        if (adminToken is not null)
        {
            request.Headers.Authorization = new("Bearer", adminToken);
        }

        return await client.SendAsync(request, cancellationToken);
    }

    /// Logs in and returns the access token and the raw refresh token from the cookie.
    public static async Task<(string AccessToken, string RefreshToken)> SignInAsync(this HttpClient client, TestUser user, CancellationToken cancellationToken)
    {
        using var response = await client.LoginAsync(user.Username, user.Password, cancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return (body.GetProperty("access_token").GetString()!, SetCookie.Refresh(response).Value);
    }

    public static async Task<string> AccessTokenAsync(this HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return body.GetProperty("access_token").GetString()!;
    }
}
