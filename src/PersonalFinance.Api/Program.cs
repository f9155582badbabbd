using Microsoft.Extensions.Options;
using PersonalFinance.Api;
using PersonalFinance.Api.Cli;

if (CliVerbs.TryGetVerb(args, out var verb))
{
    return await CliVerbs.RunAsync(verb, args[1..]);
}

try
{
    var app = AppHost.BuildWebApp(AppHost.CreateBuilder(args));
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException exception)
{
    // One clear line naming the setting, instead of a stack trace.
    await Console.Error.WriteLineAsync($"Configuration error: {string.Join(" ", exception.Failures)}");
    return 1;
}
