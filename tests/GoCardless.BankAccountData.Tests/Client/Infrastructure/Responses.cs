using System.Net;
using System.Reflection;
using System.Text;

namespace GoCardless.BankAccountData.Tests.Client.Infrastructure;

internal static class Responses
{
    public static HttpResponseMessage Json(HttpStatusCode status, string body, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    public static HttpResponseMessage Html(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "text/html") };

    public static HttpResponseMessage Recorded(HttpStatusCode status, string name, params (string Name, string Value)[] headers) =>
        Json(status, RecordedDocuments.Read(name), headers);
}

/// <summary>JSON documents shaped like real GoCardless answers, embedded from <c>Client/Recorded/</c>.</summary>
internal static class RecordedDocuments
{
    public static string Read(string name)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var resource = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith("." + name, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No recorded document named {name}.");
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
