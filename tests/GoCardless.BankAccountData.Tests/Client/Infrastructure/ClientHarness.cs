using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GoCardless.BankAccountData.Tests.Client.Infrastructure;

/// <summary>The client as the app registers it, over <see cref="FakeGoCardlessHandler"/> and a fake clock.</summary>
internal sealed class ClientHarness : IAsyncDisposable
{
    public static readonly Uri BaseAddress = new("https://gocardless.test/api/v2/");

    private ClientHarness(FakeTimeProvider clock, FakeGoCardlessHandler handler, ServiceProvider services)
    {
        Clock = clock;
        Handler = handler;
        Services = services;
    }

    public FakeTimeProvider Clock { get; }

    public FakeGoCardlessHandler Handler { get; }

    public ServiceProvider Services { get; }

    public GoCardlessClient Client => Services.GetRequiredService<GoCardlessClient>();

    public GoCardlessTokenCache Tokens => Services.GetRequiredService<GoCardlessTokenCache>();

    /// <summary>Retries without delay by default, so only tests about delays need to move the clock.</summary>
    public static ClientHarness Create(Action<GoCardlessOptions>? configure = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero));
        var handler = new FakeGoCardlessHandler(clock);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddGoCardlessBankAccountData(options =>
            {
                options.SecretId = "8f1c2b8e-6f0e-4e43-9f5e-0a6b3c7d2e11";
                options.SecretKey = new string('a', 128);
                options.BaseAddress = BaseAddress;
                options.AttemptTimeout = TimeSpan.FromSeconds(5);
                options.TotalTimeout = TimeSpan.FromSeconds(60);
                options.MaxRetryAttempts = 2;
                options.RetryBaseDelay = TimeSpan.Zero;
                options.RetryMaxDelay = TimeSpan.Zero;
                configure?.Invoke(options);
            })
            .ConfigurePrimaryHttpMessageHandler(() => handler);
        return new ClientHarness(clock, handler, services.BuildServiceProvider(validateScopes: true));
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
