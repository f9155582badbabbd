using Microsoft.Extensions.Options;

namespace PersonalFinance.Api.Http;

/// Section "App": where this app and its frontend live. Redirects are built from these, never from the request.
internal sealed class AppUrlOptions
{
    public const string SectionName = "App";

    /// The app's own base URL as a browser reaches it.
    public string PublicUrl { get; set; } = "http://localhost:8000";

    /// FRONTEND_URL: where the bank callback sends the browser. Defaults to the built-in UI.
    public string? FrontendUrl { get; set; }

    public string PublicOrigin => new Uri(PublicUrl).GetLeftPart(UriPartial.Authority);

    public string EffectiveFrontendUrl => (FrontendUrl ?? PublicUrl).TrimEnd('/');
}

internal sealed class AppUrlOptionsValidator : IValidateOptions<AppUrlOptions>
{
    public ValidateOptionsResult Validate(string? name, AppUrlOptions options)
    {
        if (Check(options.PublicUrl, "App:PublicUrl") is { } publicError)
        {
            return ValidateOptionsResult.Fail(publicError);
        }

        return options.FrontendUrl is not null && Check(options.FrontendUrl, "FRONTEND_URL (App:FrontendUrl)") is { } frontendError
            ? ValidateOptionsResult.Fail(frontendError)
            : ValidateOptionsResult.Success;
    }

    public static string? Check(string value, string setting) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)
            ? null
            : $"{setting} must be an absolute http or https URL without query or fragment; got '{value}'.";
}
