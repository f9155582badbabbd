namespace GoCardless.Sandbox;

internal static class Program
{
    private const string DefaultUrl = "http://127.0.0.1:5080";

    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var section = builder.Configuration.GetSection(SandboxOptions.SectionName);
        builder.Services.AddGoCardlessSandbox(options => section.Bind(options));
        var app = builder.Build();
        app.MapGoCardlessSandbox();
        var options = app.Services.GetRequiredService<SandboxState>().Options;
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var url in app.Urls)
            {
                Console.WriteLine($"GoCardless sandbox API: {url.TrimEnd('/')}/api/v2/");
            }

            Console.WriteLine($"secret_id:  {options.SecretId}");
            Console.WriteLine($"secret_key: {options.SecretKey}");
        });
        app.Run();
    }
}
