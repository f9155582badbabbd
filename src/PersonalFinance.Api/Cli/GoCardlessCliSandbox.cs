using GoCardless.Sandbox;
using PersonalFinance.Api.GoCardlessStore;

namespace PersonalFinance.Api.Cli;

/// Verbs run without the web app, so in built-in sandbox mode they start the sandbox on a loopback port of their own,
/// over the same snapshot file the app uses, and point the client at it.
internal static class GoCardlessCliSandbox
{
    public static async Task<SandboxServer?> StartIfBuiltInAsync(WebApplicationBuilder builder, TextWriter output, CancellationToken cancellationToken)
    {
        if (!GoCardlessSetup.UsesBuiltInSandbox(builder.Configuration))
        {
            return null;
        }

        var sandbox = await SandboxServer.StartAsync(
            options =>
            {
                GoCardlessSetup.ConfigureSandbox(options, builder.Configuration, builder.Environment);
                // This sandbox lives only as long as the verb, on a loopback port nobody else knows; seeding needs its controls.
                options.EnableControlEndpoints = true;
            },
            cancellationToken: cancellationToken);
        builder.Configuration["GoCardless:SecretId"] = sandbox.SecretId;
        builder.Configuration["GoCardless:SecretKey"] = sandbox.SecretKey;
        builder.Configuration["GoCardless:BaseAddress"] = sandbox.ApiBaseAddress.ToString();
        await output.WriteLineAsync($"No GoCardless secrets configured: using the built-in sandbox ({sandbox.BaseAddress}).");
        return sandbox;
    }
}
