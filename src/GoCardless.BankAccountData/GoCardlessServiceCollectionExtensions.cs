using GoCardless.BankAccountData.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GoCardless.BankAccountData;

/// <summary>Registers <see cref="GoCardlessClient"/>.</summary>
public static class GoCardlessServiceCollectionExtensions
{
    /// <summary>
    /// Registers the typed <see cref="GoCardlessClient"/> with its options (validated on start), the token
    /// handler and cache, and the client's own resilience pipeline. Nothing is bound from configuration here: bind
    /// <see cref="GoCardlessOptions"/> yourself, or use the overload taking a configuration section. Uses the
    /// <see cref="TimeProvider"/> registered in the container, else <see cref="TimeProvider.System"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets options; runs after any other configuration of the options.</param>
    /// <returns>The client's builder, e.g. to add a primary handler in tests.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static IHttpClientBuilder AddGoCardlessBankAccountData(this IServiceCollection services, Action<GoCardlessOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = services.AddOptions<GoCardlessOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GoCardlessOptions>, GoCardlessOptionsValidator>());
        services.TryAddSingleton(provider => new GoCardlessTokenCache(
            provider.GetRequiredService<IOptions<GoCardlessOptions>>(),
            ClockFor(provider),
            provider.GetService<ILogger<GoCardlessTokenCache>>() ?? NullLogger<GoCardlessTokenCache>.Instance));
        services.TryAddTransient<GoCardlessTokenHandler>();

        var builder = services
            .AddHttpClient<GoCardlessClient>((provider, client) =>
            {
                client.BaseAddress = provider.GetRequiredService<IOptions<GoCardlessOptions>>().Value.BaseAddress;
                // The pipeline owns every timeout; HttpClient's default 100 s would cut the 2-minute total short.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler<GoCardlessTokenHandler>();

        builder.AddResilienceHandler("GoCardless", (pipeline, context) =>
        {
            var provider = context.ServiceProvider;
            GoCardlessResilience.Configure(
                pipeline,
                provider.GetRequiredService<IOptions<GoCardlessOptions>>().Value,
                ClockFor(provider));
        });

        builder.AddHttpMessageHandler(() => new ResponseBufferingHandler());
        return builder;
    }

    /// <summary>Like <see cref="AddGoCardlessBankAccountData(IServiceCollection, Action{GoCardlessOptions}?)"/>, binding the options from a configuration section first.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section holding <c>SecretId</c>, <c>SecretKey</c>, <c>BaseAddress</c>, ….</param>
    /// <param name="configure">Sets options after binding.</param>
    /// <returns>The client's builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    public static IHttpClientBuilder AddGoCardlessBankAccountData(
        this IServiceCollection services, IConfiguration configuration, Action<GoCardlessOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<GoCardlessOptions>().Bind(configuration);
        return services.AddGoCardlessBankAccountData(configure);
    }

    /// <summary>
    /// The service key under which a host may register a <see cref="TimeProvider"/> for the client alone
    /// (token expiry, retry delays, timeouts); without one the client uses the host's <see cref="TimeProvider"/>, else the system clock.
    /// </summary>
    public const string TimeProviderKey = "GoCardless.BankAccountData";

    private static TimeProvider ClockFor(IServiceProvider provider) =>
        provider.GetKeyedService<TimeProvider>(TimeProviderKey) ?? provider.GetService<TimeProvider>() ?? TimeProvider.System;
}
