using System.Text.Json.Nodes;

namespace GoCardless.Sandbox;

internal static class TokenEndpoints
{
    public static async Task NewTokenAsync(ApiRequest r)
    {
        var (body, error) = await RequestBody.ReadAsync(r.Http);
        if (body is null)
        {
            await r.JsonAsync(400, error!);
            return;
        }

        if (RequestBody.RejectUnknown(body, "secret_id", "secret_key") is { } unknown)
        {
            await r.JsonAsync(400, unknown);
            return;
        }

        var secretId = RequestBody.GetString(body, "secret_id");
        var secretKey = RequestBody.GetString(body, "secret_key");
        if (string.IsNullOrEmpty(secretId) || string.IsNullOrEmpty(secretKey))
        {
            var missing = new JsonObject();
            if (string.IsNullOrEmpty(secretId))
            {
                missing["secret_id"] = new JsonArray(secretId is null ? "This field is required." : "This field may not be blank.");
            }

            if (string.IsNullOrEmpty(secretKey))
            {
                missing["secret_key"] = new JsonArray(secretKey is null ? "This field is required." : "This field may not be blank.");
            }

            missing["status_code"] = 400;
            await r.JsonAsync(400, missing);
            return;
        }

        var options = r.State.Options;
        var accepted = options.AcceptAnySecrets
            || (string.Equals(secretId, options.SecretId, StringComparison.Ordinal) && string.Equals(secretKey, options.SecretKey, StringComparison.Ordinal));
        if (!accepted)
        {
            await r.JsonAsync(401, SandboxJson.Error("Authentication failed", "No active account found with the given credentials", 401));
            return;
        }

        await r.JsonAsync(200, new JsonObject
        {
            ["access"] = SandboxTokens.Issue(r.State, "access", options.AccessTokenLifetime, secretId),
            ["access_expires"] = SandboxTokens.Seconds(options.AccessTokenLifetime),
            ["refresh"] = SandboxTokens.Issue(r.State, "refresh", options.RefreshTokenLifetime, secretId),
            ["refresh_expires"] = SandboxTokens.Seconds(options.RefreshTokenLifetime),
        });
    }

    public static async Task RefreshTokenAsync(ApiRequest r)
    {
        var (body, error) = await RequestBody.ReadAsync(r.Http);
        if (body is null)
        {
            await r.JsonAsync(400, error!);
            return;
        }

        if (RequestBody.RejectUnknown(body, "refresh") is { } unknown)
        {
            await r.JsonAsync(400, unknown);
            return;
        }

        var refresh = RequestBody.GetString(body, "refresh");
        if (string.IsNullOrEmpty(refresh))
        {
            await r.JsonAsync(400, SandboxJson.FieldList(400, "refresh", refresh is null ? "This field is required." : "This field may not be blank."));
            return;
        }

        var payload = SandboxTokens.Validate(r.State, refresh, "refresh");
        if (payload is null)
        {
            await r.JsonAsync(401, SandboxJson.Error("Invalid token", "Token is invalid or expired", 401));
            return;
        }

        var lifetime = r.State.Options.AccessTokenLifetime;
        await r.JsonAsync(200, new JsonObject
        {
            ["access"] = SandboxTokens.Issue(r.State, "access", lifetime, payload["secret_id"]?.GetValue<string>() ?? ""),
            ["access_expires"] = SandboxTokens.Seconds(lifetime),
        });
    }
}
