using System.Text.Json;

namespace GoCardless.Sandbox;

/// <summary>
/// The optional snapshot file (<see cref="SandboxOptions.SnapshotPath"/>): good enough for a development app that restarts, not a
/// database. Faults and the general per-minute counters are deliberately not kept.
/// </summary>
internal static class SandboxSnapshot
{
    private const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private static readonly SemaphoreSlim WriteGate = new(1, 1);

    private sealed record ScopeSuccesses(Guid Account, string Scope, List<DateTimeOffset> Times);

    private sealed record Snapshot(
        int Version,
        double ClockOffsetSeconds,
        List<EndUserAgreement> Agreements,
        List<Requisition> Requisitions,
        List<SandboxAccount> Accounts,
        Dictionary<string, bool> Operational,
        List<ScopeSuccesses> Successes);

    public static void Load(SandboxState state)
    {
        var path = state.Options.SnapshotPath;
        if (path is null || !File.Exists(path))
        {
            return;
        }

        Snapshot? snapshot;
        try
        {
            snapshot = JsonSerializer.Deserialize<Snapshot>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            // A corrupt or older file is not worth failing the app's start: begin empty, the next save replaces it.
            return;
        }

        if (snapshot is null || snapshot.Version != CurrentVersion)
        {
            return;
        }

        lock (state.Gate)
        {
            state.Clock.Advance(TimeSpan.FromSeconds(snapshot.ClockOffsetSeconds) - state.Clock.Offset);
            snapshot.Agreements.ForEach(a => state.Agreements[a.Id] = a);
            snapshot.Requisitions.ForEach(r => state.Requisitions[r.Id] = r);
            snapshot.Accounts.ForEach(a => state.Accounts[a.Id] = a);
            foreach (var (id, operational) in snapshot.Operational)
            {
                state.Operational[id] = operational;
            }

            snapshot.Successes.ForEach(s => state.ScopeSuccesses[(s.Account, s.Scope)] = s.Times);
        }
    }

    public static async Task SaveAsync(SandboxState state)
    {
        var path = state.Options.SnapshotPath;
        if (path is null)
        {
            return;
        }

        string json;
        lock (state.Gate)
        {
            json = JsonSerializer.Serialize(new Snapshot(
                CurrentVersion,
                state.Clock.Offset.TotalSeconds,
                [.. state.Agreements.Values],
                [.. state.Requisitions.Values],
                [.. state.Accounts.Values],
                new Dictionary<string, bool>(state.Operational, StringComparer.Ordinal),
                [.. state.ScopeSuccesses.Select(kv => new ScopeSuccesses(kv.Key.Account, kv.Key.Scope, [.. kv.Value]))]), Json);
        }

        await WriteGate.WaitAsync();
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }

            // Write-then-rename so a crash mid-write never leaves a truncated snapshot.
            var temporary = path + ".tmp";
            await File.WriteAllTextAsync(temporary, json);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            WriteGate.Release();
        }
    }
}
