using Microsoft.Extensions.Options;
using PersonalFinance.Api.Http;

namespace PersonalFinance.Api.Connections;

/// Section "GoCardless" (the app's side of it): where GoCardless sends the browser back, and how requisitions are made.
internal sealed class ConnectionsOptions
{
    public const string SectionName = "GoCardless";

    /// GC_CALLBACK_URL. Defaults to this app's own /api/connections/callback.
    public string? CallbackUrl { get; set; }

    /// When on, each requisition gets an explicit end-user agreement sized from the institution's limits.
    public bool CreateAgreements { get; set; }

    public string? UserLanguage { get; set; }
}

internal sealed class ConnectionsOptionsValidator : IValidateOptions<ConnectionsOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectionsOptions options) =>
        options.CallbackUrl is not null && AppUrlOptionsValidator.Check(options.CallbackUrl, "GC_CALLBACK_URL (GoCardless:CallbackUrl)") is { } error
            ? ValidateOptionsResult.Fail(error)
            : ValidateOptionsResult.Success;
}
