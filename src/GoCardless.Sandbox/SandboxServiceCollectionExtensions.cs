using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GoCardless.Sandbox;

/// <summary>Registers the GoCardless sandbox services.</summary>
public static class SandboxServiceCollectionExtensions
{
    /// <summary>
    /// Registers the sandbox state store, its clock and its options. The clock wraps <paramref name="clock"/> (or the system clock),
    /// never the app's own <see cref="TimeProvider"/> registration, so a host that fakes its time does not move the sandbox's.
    /// </summary>
    public static IServiceCollection AddGoCardlessSandbox(
        this IServiceCollection services, Action<SandboxOptions>? configure = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new SandboxOptions();
        configure?.Invoke(options);
        var sandboxClock = new SandboxClock(clock ?? TimeProvider.System);
        services.TryAddSingleton(options);
        services.TryAddSingleton(sandboxClock);
        services.TryAddSingleton(sp =>
        {
            var state = new SandboxState(sp.GetRequiredService<SandboxOptions>(), sp.GetRequiredService<SandboxClock>());
            SandboxSnapshot.Load(state);
            return state;
        });
        return services;
    }
}
