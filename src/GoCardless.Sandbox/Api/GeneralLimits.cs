namespace GoCardless.Sandbox;

/// <summary>The company-wide buckets of gocardless.md §10, counted in fixed windows on the sandbox clock.</summary>
internal static class GeneralLimits
{
    public const string Accounts = "accounts";
    public const string Institutions = "institutions";
    public const string Create = "create";
    public const string Read = "read";
    public const string Modify = "modify";
    public const string TokenNew = "token_new";
    public const string TokenRefresh = "token_refresh";

    public static (int Limit, TimeSpan Period, string PeriodName) Of(string group) => group switch
    {
        Institutions or Read => (300, TimeSpan.FromMinutes(1), "minute"),
        TokenNew => (100, TimeSpan.FromHours(1), "hour"),
        _ => (100, TimeSpan.FromMinutes(1), "minute"),
    };

    /// <summary>Counts one call; returns the header values and whether the call is over the limit.</summary>
    public static (int Limit, int Remaining, long ResetSeconds, bool Exceeded) Count(SandboxState state, string group)
    {
        var (limit, period, _) = Of(group);
        lock (state.Gate)
        {
            var now = state.Now;
            if (!state.GeneralCounters.TryGetValue(group, out var counter) || now >= counter.WindowStart + period || now < counter.WindowStart)
            {
                counter = (now, 0);
            }

            counter.Count++;
            state.GeneralCounters[group] = counter;
            var reset = (long)Math.Ceiling((counter.WindowStart + period - now).TotalSeconds);
            return (limit, Math.Max(0, limit - counter.Count), reset, counter.Count > limit);
        }
    }

    public static void WriteHeaders(ApiRequest request, int limit, int remaining, long reset)
    {
        request.Header("http_x_ratelimit_limit", limit);
        request.Header("http_x_ratelimit_remaining", remaining);
        request.Header("http_x_ratelimit_reset", reset);
    }

    public static string Detail(int limit, string periodName, long seconds) =>
        $"The rate limit for this resource is {limit}/{periodName}. Please try again in {seconds} seconds";
}
