namespace GoCardless.BankAccountData.Internal;

/// <summary>The method and relative path (no query) of a call, used for classification and messages.</summary>
internal sealed record GoCardlessRequestInfo(string Method, string Path)
{
    public const string TokenNewPath = "token/new/";
    public const string TokenRefreshPath = "token/refresh/";

    public bool IsTokenNew => Path.EndsWith(TokenNewPath, StringComparison.Ordinal);

    public bool IsTokenRefresh => Path.EndsWith(TokenRefreshPath, StringComparison.Ordinal);

    public GoCardlessScope Scope =>
        !Path.StartsWith("accounts/", StringComparison.Ordinal) ? GoCardlessScope.None
        : Path.EndsWith("/details/", StringComparison.Ordinal) ? GoCardlessScope.Details
        : Path.EndsWith("/balances/", StringComparison.Ordinal) ? GoCardlessScope.Balances
        : Path.EndsWith("/transactions/", StringComparison.Ordinal) ? GoCardlessScope.Transactions
        : GoCardlessScope.None;

    public static GoCardlessRequestInfo From(HttpRequestMessage request, Uri? baseAddress)
    {
        var uri = request.RequestUri;
        var path = uri is null ? "" : uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0];
        if (baseAddress is not null && path.StartsWith(baseAddress.AbsolutePath, StringComparison.Ordinal))
        {
            path = path[baseAddress.AbsolutePath.Length..];
        }

        return new GoCardlessRequestInfo(request.Method.Method, path.TrimStart('/'));
    }

    public override string ToString() => $"{Method} {Path}";
}
