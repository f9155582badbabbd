using Microsoft.Extensions.Options;

namespace PersonalFinance.Api.Auth;

/// Singleton access to validated <see cref="AuthOptions"/> for services created once per process.
internal sealed class AuthOptionsSnapshot(IOptions<AuthOptions> options)
{
    public AuthOptions Value => options.Value;
}
