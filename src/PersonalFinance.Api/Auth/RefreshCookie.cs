namespace PersonalFinance.Api.Auth;

/// The refresh token travels only in this cookie, scoped to /auth so API calls never carry it.
internal static class RefreshCookie
{
    public const string Name = "refresh_token";

    public static string? Read(HttpContext context) => context.Request.Cookies[Name];

    public static void Write(HttpContext context, string token, DateTime expiresAt) =>
        context.Response.Cookies.Append(Name, token, Options(context, expiresAt));

    public static void Clear(HttpContext context) =>
        context.Response.Cookies.Delete(Name, Options(context, expires: null));

    private static CookieOptions Options(HttpContext context, DateTime? expires) => new()
    {
        HttpOnly = true,
        Path = "/auth",
        SameSite = SameSiteMode.Lax,
        // Secure everywhere but Development, where the app runs over plain http on localhost.
        Secure = !context.RequestServices.GetRequiredService<IWebHostEnvironment>().IsDevelopment(),
        Expires = expires,
        IsEssential = true,
    };
}
