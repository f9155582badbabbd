using System.Net;
using System.Text.Json;

namespace PersonalFinance.Api.Tests.Infrastructure;

internal sealed record Problem(int Status, string? Title, string? Detail, JsonElement Body);

internal static class ProblemAssert
{
    /// Asserts a ProblemDetails answer with the given status and (when given) exact detail, and returns it.
    public static async Task<Problem> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? detail = null)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status, $"Expected {(int)status} but got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        var actualDetail = body.TryGetProperty("detail", out var d) ? d.GetString() : null;
        Assert.False(string.IsNullOrWhiteSpace(actualDetail), "ProblemDetails must carry a detail a person can act on.");
        if (detail is not null)
        {
            Assert.Equal(detail, actualDetail);
        }

        return new Problem((int)status, body.TryGetProperty("title", out var t) ? t.GetString() : null, actualDetail, body);
    }
}
