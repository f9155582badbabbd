namespace GoCardless.Sandbox;

/// <summary>
/// Settings of the GoCardless sandbox. Bound from the <c>GoCardlessSandbox</c> configuration section when the sandbox runs
/// standalone; changeable at run time through <c>PUT _sandbox/config</c>.
/// </summary>
/// <remarks>
/// The fixed development secret pair is
/// <c>secret_id</c> = <c>ae77ca0c-5afe-4605-b974-7d5a853b589d</c> and
/// <c>secret_key</c> = <c>279b9056d2f51c416513056819691b8b05b6e7043f0171c621e61ff017e9c62cdaa4b2d0c79593c70f038d109ea189d6e6c1ef0c02c4fc6b84070a479478cee9</c>.
/// They open nothing but this sandbox.
/// </remarks>
public sealed class SandboxOptions
{
    /// <summary>The configuration section the standalone sandbox binds.</summary>
    public const string SectionName = "GoCardlessSandbox";

    /// <summary>The <c>secret_id</c> that <c>token/new/</c> accepts (a UUID, like the real ones).</summary>
    public string SecretId { get; set; } = "ae77ca0c-5afe-4605-b974-7d5a853b589d";

    /// <summary>The <c>secret_key</c> that <c>token/new/</c> accepts (128 hex characters, like the real ones).</summary>
    public string SecretKey { get; set; } =
        "279b9056d2f51c416513056819691b8b05b6e7043f0171c621e61ff017e9c62cdaa4b2d0c79593c70f038d109ea189d6e6c1ef0c02c4fc6b84070a479478cee9";

    /// <summary>When true, <c>token/new/</c> accepts any non-empty secret pair.</summary>
    public bool AcceptAnySecrets { get; set; }

    /// <summary>Lifetime of access tokens (<c>exp</c> and <c>access_expires</c>).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromSeconds(86400);

    /// <summary>Lifetime of refresh tokens (<c>exp</c> and <c>refresh_expires</c>).</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromSeconds(2592000);

    /// <summary>Seed of every generated account and transaction.</summary>
    public string Seed { get; set; } = "personalfinance-sandbox";

    /// <summary>How long accounts stay <c>PROCESSING</c> after the requisition is linked.</summary>
    public TimeSpan ProcessingDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Successful calls allowed per account, per scope, per rolling 24 hours; 0 turns the limit off.</summary>
    public int PerScopeDailyLimit { get; set; } = 4;

    /// <summary>When true, the company-wide per-minute/per-hour limits are counted, reported in headers and enforced.</summary>
    public bool GeneralLimits { get; set; } = true;

    /// <summary>
    /// <c>identity</c>: <c>internalTransactionId</c> is stable across reconnects of the same bank account;
    /// <c>account</c>: it is derived from the account UUID, so a reconnect changes every id.
    /// </summary>
    public string InternalIdScope { get; set; } = "identity";

    /// <summary>When true, the <c>_sandbox/*</c> control endpoints are mapped.</summary>
    public bool EnableControlEndpoints { get; set; } = true;

    /// <summary>
    /// Base of the links the sandbox writes (consent links, pagination). When null, links are built from the incoming request
    /// (scheme, host, path base and mount prefix).
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>
    /// Optional JSON file (e.g. <c>data/gocardless-sandbox.json</c>) where requisitions, agreements, accounts, limit counters and the
    /// clock offset are saved after every sandbox request and loaded at start, so a development app survives restarts. Null: memory only.
    /// </summary>
    public string? SnapshotPath { get; set; }
}
