namespace GoCardless.Sandbox;

/// <summary>
/// The one clock of the sandbox: an inner provider (the system clock, or a test's fake) plus an offset that the control API
/// can advance or set, so token expiry, EUA expiry and rate-limit windows can be crossed without waiting.
/// </summary>
internal sealed class SandboxClock(TimeProvider inner) : TimeProvider
{
    private long _offsetTicks;

    public TimeProvider Inner { get; } = inner;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => Inner.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => Inner.TimestampFrequency;

    public override long GetTimestamp() => Inner.GetTimestamp();

    public void Advance(TimeSpan delta) => Interlocked.Add(ref _offsetTicks, delta.Ticks);

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _offsetTicks, (now - Inner.GetUtcNow()).Ticks);
}
