using System.Security.Cryptography;
using System.Text;

namespace GoCardless.Sandbox;

/// <summary>
/// Everything the sandbox remembers. One lock guards it all: the sandbox serves a handful of test clients, so simplicity beats
/// throughput, and every multi-step check (e.g. "limit not reached, then record a success") is atomic.
/// </summary>
internal sealed class SandboxState(SandboxOptions options, SandboxClock clock)
{
    public Lock Gate { get; } = new();

    public SandboxOptions Options { get; } = options;

    public SandboxClock Clock { get; } = clock;

    /// <summary>HMAC key of the tokens. Derived from nothing secret: the sandbox only needs signatures it can check itself.</summary>
    public byte[] TokenKey { get; } = SHA256.HashData(Encoding.UTF8.GetBytes("gocardless-sandbox-jwt|" + Guid.NewGuid().ToString("N")));

    public Dictionary<Guid, EndUserAgreement> Agreements { get; } = [];

    public Dictionary<Guid, Requisition> Requisitions { get; } = [];

    public Dictionary<Guid, SandboxAccount> Accounts { get; } = [];

    public Dictionary<string, bool> Operational { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, (DateTimeOffset WindowStart, int Count)> GeneralCounters { get; } = new(StringComparer.Ordinal);

    public Dictionary<(Guid Account, string Scope), List<DateTimeOffset>> ScopeSuccesses { get; } = [];

    public List<Fault> Faults { get; } = [];

    /// <summary>Every API call received (method, path, status), newest last, so tests can assert what reached "GoCardless".</summary>
    public List<SandboxCall> Calls { get; } = [];

    public const int MaxCalls = 10_000;

    public DateTimeOffset Now => Clock.GetUtcNow();

    public bool IsOperational(Institution institution)
    {
        lock (Gate)
        {
            return Operational.TryGetValue(institution.Id, out var value) ? value : institution.OperationalByDefault;
        }
    }

    public void Reset()
    {
        lock (Gate)
        {
            Agreements.Clear();
            Requisitions.Clear();
            Accounts.Clear();
            Operational.Clear();
            GeneralCounters.Clear();
            ScopeSuccesses.Clear();
            Faults.Clear();
            Calls.Clear();
        }
    }

    public void RecordCall(DateTimeOffset receivedAt, string method, string path, int status)
    {
        lock (Gate)
        {
            if (Calls.Count >= MaxCalls)
            {
                Calls.RemoveAt(0);
            }

            Calls.Add(new SandboxCall(receivedAt, method, path, status));
        }
    }

    /// <summary>Lazy PROCESSING → READY once the processing delay has passed. Call under <see cref="Gate"/>.</summary>
    public void RefreshProcessing(SandboxAccount account)
    {
        if (account.Status == "PROCESSING" && account.ProcessingUntil is { } until && Now >= until)
        {
            account.Status = "READY";
            account.ProcessingUntil = null;
        }
    }
}
