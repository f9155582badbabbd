using System.Collections.Concurrent;

namespace PersonalFinance.Api.Sync;

/// The sync runs this process is executing, by lease owner (the job id). It tells a retry of a job whose earlier attempt
/// ended without giving its lease back (the database was gone at the time) from a second copy of a run still in progress.
internal sealed class SyncRuns
{
    private readonly ConcurrentDictionary<Guid, byte> _active = new();

    public bool TryEnter(Guid owner) => _active.TryAdd(owner, 0);

    public void Exit(Guid owner) => _active.TryRemove(owner, out _);
}
