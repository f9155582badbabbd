
namespace PersonalFinance.Api.Cli;

/// seed-dev-user: creates dev / devpassword123 (Dev User) when missing. Running it twice changes nothing.
internal static class SeedDevUserVerb
{
    public const string Username = "dev";
    public const string Password = "devpassword123";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var users = CliVerbs.Users(services);
        if (await users.ExistsAsync(Username, cancellationToken))
        {
            await output.WriteLineAsync($"User '{Username}' already exists; nothing to create.");
        }
        else
        {
            await output.WriteLineAsync($"Creating user '{Username}'…");
            await users.CreateAsync(Username, Password, "Dev", "User", cancellationToken);
            await output.WriteLineAsync($"Created user '{Username}' with password '{Password}'.");
        }

        return 0;
    }
}
