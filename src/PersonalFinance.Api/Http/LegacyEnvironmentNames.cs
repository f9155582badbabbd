namespace PersonalFinance.Api.Http;

/// The environment names of the system this continues, mapped onto options keys in one place.
internal static class LegacyEnvironmentNames
{
    private static readonly (string Variable, string Key)[] Map =
    [
        ("GC_SECRET_ID", "GoCardless:SecretId"),
        ("GC_SECRET_KEY", "GoCardless:SecretKey"),
        ("GC_CALLBACK_URL", "GoCardless:CallbackUrl"),
        ("FRONTEND_URL", "App:FrontendUrl"),
        ("PUBLIC_URL", "App:PublicUrl"),
        ("ADMIN_TOKEN", "Auth:AdminToken"),
        ("JWT_SECRET_KEY", "Jwt:SigningKey"),
        ("DATABASE_URL", "ConnectionStrings:Postgres"),
    ];

    public static IConfigurationBuilder AddLegacyEnvironmentNames(this IConfigurationBuilder configuration)
    {
        var values = new Dictionary<string, string?>();
        foreach (var (variable, key) in Map)
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
            {
                values[key] = value;
            }
        }

        return configuration.AddInMemoryCollection(values);
    }
}
