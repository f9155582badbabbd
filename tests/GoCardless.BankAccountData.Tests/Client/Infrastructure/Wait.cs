namespace GoCardless.BankAccountData.Tests.Client.Infrastructure;

internal static class Wait
{
    /// <summary>Polls a condition; the deadline only matters when the test is already failing.</summary>
    public static async Task UntilAsync(Func<bool> condition, CancellationToken cancellationToken, string because = "condition")
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {because}.");
            }

            await Task.Delay(10, cancellationToken);
        }
    }

    public static async Task UntilAsync(Func<Task<bool>> condition, CancellationToken cancellationToken, string because = "condition")
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {because}.");
            }

            await Task.Delay(25, cancellationToken);
        }
    }
}
