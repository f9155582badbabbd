namespace PersonalFinance.Api.Tests.Infrastructure;

/// Polls a condition that background work (the job engine, another instance) makes true, failing with what was awaited.
internal static class Eventually
{
    public static async Task WaitAsync(Func<Task<bool>> condition, string what, Func<string?>? explain = null, int seconds = 90)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(seconds);
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"Timed out waiting for {what}.{(explain?.Invoke() is { } details ? "\n" + details : "")}");
    }
}
