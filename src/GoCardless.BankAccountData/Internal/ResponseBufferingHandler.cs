namespace GoCardless.BankAccountData.Internal;

/// <summary>
/// Innermost handler: reads the whole body inside the attempt, so the per-attempt timeout covers a body that trickles or stalls, a dropped
/// connection mid-body is a retryable attempt failure, and the retry predicate can inspect the JSON.
/// </summary>
internal sealed class ResponseBufferingHandler : DelegatingHandler
{
    private const long MaxBodyBytes = 64L * 1024 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        try
        {
            await response.Content.LoadIntoBufferAsync(MaxBodyBytes, cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
