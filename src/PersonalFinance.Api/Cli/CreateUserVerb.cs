using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Auth;
using PersonalFinance.Api.Data;

namespace PersonalFinance.Api.Cli;

/// create-user [--username u] [--password p] [--first-name f] [--last-name l]: prompts for what is missing.
internal static class CreateUserVerb
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var username = CliVerbs.Option(args, "username") ?? Prompt("Username");
        var firstName = CliVerbs.Option(args, "first-name") ?? Prompt("First name");
        var lastName = CliVerbs.Option(args, "last-name") ?? Prompt("Last name");
        var password = CliVerbs.Option(args, "password") ?? PromptSecret("Password");

        var problems = new[] { UserAccounts.CheckUsername(username), PasswordPolicy.Check(password) }.OfType<string>().ToList();
        if (string.IsNullOrWhiteSpace(firstName) || string.IsNullOrWhiteSpace(lastName))
        {
            problems.Add("First and last name are required.");
        }

        if (problems.Count > 0)
        {
            await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, problems));
            return 2;
        }

        await output.WriteLineAsync($"Creating user '{UserAccounts.Normalize(username!)}'…");
        var user = await CliVerbs.Users(services).CreateAsync(username!, password!, firstName!, lastName!, cancellationToken);
        if (user is null)
        {
            await Console.Error.WriteLineAsync($"A user named '{UserAccounts.Normalize(username!)}' already exists.");
            return 3;
        }

        await output.WriteLineAsync($"Created user '{user.Username}' ({user.Id}).");
        return 0;
    }

    /// set-password --username u [--password p]: the same path every password change takes (revokes all sessions).
    public static async Task<int> SetPasswordAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var username = UserAccounts.Normalize(CliVerbs.Option(args, "username") ?? Prompt("Username") ?? string.Empty);
        var password = CliVerbs.Option(args, "password") ?? PromptSecret("New password");
        if (PasswordPolicy.Check(password) is { } problem)
        {
            await Console.Error.WriteLineAsync(problem);
            return 2;
        }

        var user = await services.GetRequiredService<AppDbContext>().Users.SingleOrDefaultAsync(u => u.Username == username, cancellationToken);
        if (user is null)
        {
            await Console.Error.WriteLineAsync($"No user named '{username}'.");
            return 3;
        }

        await CliVerbs.Users(services).SetPasswordAsync(user, password!, cancellationToken);
        await output.WriteLineAsync($"Password changed for '{username}'; all of their sessions were ended.");
        return 0;
    }

    private static string? Prompt(string label)
    {
        Console.Write($"{label}: ");
        return Console.ReadLine();
    }

    private static string? PromptSecret(string label)
    {
        if (Console.IsInputRedirected)
        {
            return Prompt(label);
        }

        Console.Write($"{label}: ");
        var buffer = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.WriteLine();
                return buffer.ToString();
            }

            if (key.Key == ConsoleKey.Backspace && buffer.Length > 0)
            {
                buffer.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                buffer.Append(key.KeyChar);
            }
        }
    }
}
