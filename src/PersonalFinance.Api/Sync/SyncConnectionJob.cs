using System.Globalization;
using GoCardless.BankAccountData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalFinance.Api.Accounts;
using PersonalFinance.Api.Connections;
using PersonalFinance.Api.Data;
using PersonalFinance.Api.GoCardlessStore;
using PersonalFinance.Api.Jobs;
using Account = PersonalFinance.Api.Accounts.Account;

namespace PersonalFinance.Api.Sync;

internal sealed record AccountSyncResult(Guid AccountId, string Name, bool Synced, bool Failed, string? Note);

internal sealed record SyncRunResult(bool Ran, JobStatus? Status, string? Message, IReadOnlyList<AccountSyncResult> Accounts)
{
    public static SyncRunResult NotRun(string message) => new(false, null, message, []);
}

/// Syncs every account of one active connection: metadata (status), details (first time, then at most weekly),
/// balances and transactions. Safe to deliver more than once: a run holds a lease on the connection (a duplicate
/// ends without calls or writes), spends GoCardless's per-account budget through <see cref="AccountBudget"/>, and
/// writes each account atomically with its watermark. GoCardless failures end the run cleanly with a job record that
/// says what happens next; only unexpected failures throw (and are retried by the job engine).
internal sealed partial class SyncConnectionJob(
    AppDbContext db,
    GoCardlessClient goCardless,
    AccountBudget budget,
    AccountSyncWriter writer,
    JobRecords records,
    SyncScheduler scheduler,
    RequisitionCompletion completion,
    SyncFaultPoints faults,
    SyncRuns runs,
    SyncProgress progress,
    IOptions<SyncOptions> syncOptions,
    TimeProvider timeProvider,
    ILogger<SyncConnectionJob> logger)
{
    public const string SkippedMessage = "Another sync of this connection ran at the same time and covered this request.";

    private readonly SyncOptions _options = syncOptions.Value;

    public async Task<SyncRunResult> ExecuteAsync(Guid connectionId, bool fullSync, Guid? jobId, SyncTrigger trigger, CancellationToken cancellationToken)
    {
        var connection = await db.Connections.AsNoTracking().SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
        if (connection is null)
        {
            if (jobId is { } orphan)
            {
                await records.FinishAsync(orphan, JobStatus.Failed, "The connection no longer exists.", cancellationToken);
            }

            return SyncRunResult.NotRun("The connection no longer exists.");
        }

        // Under the job engine the lease belongs to the engine's job, so that its retries can take back a lease an earlier attempt
        // could not release, while a second enqueue of the same work (another engine job) still finds the lease held.
        var engineJobId = EngineJobContext.CurrentJobId;
        var owner = engineJobId is null ? jobId ?? Guid.NewGuid() : LeaseOwnerFor(engineJobId);
        if (!runs.TryEnter(owner))
        {
            Log.LeaseHeld(logger, connectionId);
            return SyncRunResult.NotRun("Another sync of this connection is running.");
        }

        try
        {
            // The job engine retries or redelivers a job only after its attempt ended, so a lease still held under this engine
            // job's own id (the earlier attempt could not give it back) is taken over rather than waited out; otherwise the retry
            // would end as a duplicate and the job record would stay "running".
            if (!await TryLeaseAsync(connectionId, owner, reclaim: engineJobId is not null, cancellationToken))
            {
                Log.LeaseHeld(logger, connectionId);
                return SyncRunResult.NotRun("Another sync of this connection is running.");
            }

            return await RunLeasedAsync(connection, fullSync, jobId, trigger, owner, cancellationToken);
        }
        finally
        {
            runs.Exit(owner);
        }
    }

    private async Task<SyncRunResult> RunLeasedAsync(Connection connection, bool fullSync, Guid? jobId, SyncTrigger trigger, Guid owner, CancellationToken cancellationToken)
    {
        var connectionId = connection.Id;
        var startedAt = Now;
        Guid recordId;
        try
        {
            if (jobId is { } id)
            {
                if (!await records.StartAsync(id, cancellationToken))
                {
                    // A redelivery of a run that already finished (or a record that was removed): nothing to do.
                    await ReleaseLeaseAsync(connectionId, owner);
                    return SyncRunResult.NotRun("This sync already ran.");
                }

                recordId = id;
            }
            else
            {
                recordId = (await records.CreateAsync(connection.UserId, connectionId, JobStatus.Running, cancellationToken)).Id;
            }
        }
        catch
        {
            await ReleaseLeaseAsync(connectionId, owner);
            throw;
        }

        try
        {
            if (connection.Status != ConnectionStatus.Active)
            {
                var message = $"Connection must be active to sync. Current status: {connection.Status.ToString().ToLowerInvariant()}.";
                await records.FinishAsync(recordId, JobStatus.Failed, message, cancellationToken);
                return new SyncRunResult(true, JobStatus.Failed, message, []);
            }

            var result = await RunAsync(connection, fullSync, trigger, owner, cancellationToken);
            if (!await ConnectionExistsAsync(connectionId))
            {
                return await DeletedDuringRunAsync(connectionId, recordId);
            }

            await records.FinishAsync(recordId, result.Status ?? JobStatus.Completed, result.Message, cancellationToken);
            // Syncs queued before this run began (e.g. two "sync now" at once) found its lease held and ended without
            // touching their records; this run did their work, and left pending they would block "sync now" for good.
            await records.SkipPendingAsync(connectionId, recordId, startedAt, SkippedMessage, cancellationToken);
            var synced = result.Accounts.Count(a => a.Synced);
            Log.Finished(logger, connectionId, result.Status ?? JobStatus.Completed, synced, result.Accounts.Count);
            return result;
        }
        catch (Exception exception)
        {
            // The user deleted the connection while it synced: its rows went away under us, nothing to retry.
            if (!await ConnectionExistsAsync(connectionId))
            {
                return await DeletedDuringRunAsync(connectionId, recordId);
            }

            Log.Crashed(logger, connectionId, exception);
            await records.FinishAsync(recordId, JobStatus.Failed, "The sync stopped unexpectedly. It will be tried again.", CancellationToken.None);
            throw;
        }
        finally
        {
            await ReleaseLeaseAsync(connectionId, owner);
        }
    }

    private async Task<bool> ConnectionExistsAsync(Guid connectionId)
    {
        db.ChangeTracker.Clear();
        return await db.Connections.AnyAsync(c => c.Id == connectionId, CancellationToken.None);
    }

    private async Task<SyncRunResult> DeletedDuringRunAsync(Guid connectionId, Guid recordId)
    {
        const string message = "The connection was deleted during the sync.";
        Log.DeletedDuringRun(logger, connectionId);
        await records.FinishAsync(recordId, JobStatus.Failed, message, CancellationToken.None);
        return new SyncRunResult(true, JobStatus.Failed, message, []);
    }

    private async Task<SyncRunResult> RunAsync(Connection connection, bool fullSync, SyncTrigger trigger, Guid owner, CancellationToken cancellationToken)
    {
        var requisition = await db.GcRequisitionLinks.AsNoTracking().SingleOrDefaultAsync(r => r.Id == connection.ProviderId, cancellationToken);
        var accounts = await db.Accounts.AsNoTracking().Where(a => a.ConnectionId == connection.Id).ToListAsync(cancellationToken);
        if (accounts.Count == 0 || (requisition is not null && requisition.Accounts.Any(id => accounts.All(a => a.ProviderId != id))))
        {
            // The link completed but its accounts could not be read then (e.g. still processing): read them now.
            try
            {
                var current = (await goCardless.GetRequisitionAsync(connection.ProviderId, cancellationToken)).Value;
                await completion.StoreAccountsAsync(connection, current, cancellationToken);
                requisition = await db.GcRequisitionLinks.AsNoTracking().SingleOrDefaultAsync(r => r.Id == connection.ProviderId, cancellationToken);
                accounts = await db.Accounts.AsNoTracking().Where(a => a.ConnectionId == connection.Id).ToListAsync(cancellationToken);
            }
            catch (GoCardlessApiException exception)
            {
                Log.AccountsUnreadable(logger, connection.Id, exception.GetType().Name);
                db.ChangeTracker.Clear();
            }
        }

        var linked = requisition?.Accounts ?? [];
        accounts = [.. accounts.Where(a => linked.Count == 0 || linked.Contains(a.ProviderId)).OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)];
        if (accounts.Count == 0)
        {
            return new SyncRunResult(true, JobStatus.Completed, "The bank has not made any account available yet. The next sync will try again.", []);
        }

        var ids = accounts.Select(a => a.ProviderId).ToList();
        var raws = await db.GcBankAccounts.AsNoTracking().Where(g => ids.Contains(g.Id)).ToDictionaryAsync(g => g.Id, cancellationToken);
        var history = await HistoryDaysAsync(connection, requisition, cancellationToken);
        var context = new RunContext(connection, fullSync, trigger, history);
        var results = new List<AccountSyncResult>();
        foreach (var account in accounts)
        {
            if (!raws.TryGetValue(account.ProviderId, out var raw))
            {
                continue;
            }

            var result = await SyncAccountAsync(context, account, raw, cancellationToken);
            results.Add(result);
            progress.Write($"{result.Name}: {(result.Synced ? "synced" : result.Failed ? "failed" : "skipped")}{(result.Note is null ? "" : " — " + result.Note)}");
            if (context.StopAll)
            {
                break;
            }

            await ExtendLeaseAsync(connection.Id, owner, cancellationToken);
        }

        var now = Now;
        if (results.Any(r => r.Synced))
        {
            await db.Connections.Where(c => c.Id == connection.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastSyncedAt, now), cancellationToken);
        }

        if (context.Suspended.Count > 0 && accounts.All(a => context.Suspended.Contains(a.ProviderId)))
        {
            await SetConnectionStatusAsync(connection.Id, ConnectionStatus.Error, cancellationToken);
        }

        if (context.NextRun is { } next && !context.Expired)
        {
            scheduler.ScheduleConnectionSync(connection.Id, next);
        }

        var notes = results.Where(r => r.Note is not null).Select(r => accounts.Count == 1 ? r.Note! : $"{r.Name}: {r.Note}").ToList();
        if (context.Expired)
        {
            return new SyncRunResult(true, JobStatus.Failed, "Bank access has expired. Reconnect the connection to resume syncing.", results);
        }

        var failed = results.Count > 0 && results.All(r => r.Failed);
        return new SyncRunResult(true, failed ? JobStatus.Failed : JobStatus.Completed, notes.Count == 0 ? null : string.Join(" ", notes), results);
    }

    private async Task<AccountSyncResult> SyncAccountAsync(RunContext context, Account account, GcBankAccount raw, CancellationToken cancellationToken)
    {
        var name = account.DisplayName ?? account.Name ?? raw.Name ?? "Account";
        var now = Now;
        if (context.Trigger == SyncTrigger.Scheduled)
        {
            if (raw.ConsecutiveFailures >= _options.StopAfterConsecutiveFailures)
            {
                return new AccountSyncResult(account.Id, name, false, false, "Automatic sync is paused after repeated failures; use Sync now to try again.");
            }

            if (raw.NextSyncAfter is { } due && due > now)
            {
                return new AccountSyncResult(account.Id, name, false, false, $"Not due yet; next sync after {Format(due)}.");
            }
        }

        AccountMetadata? metadata = null;
        AccountDetails? details = null;
        AccountBalances? balances = null;
        NormalisedSet? transactions = null;
        DateOnly? watermark = null;
        DateTime? limitedUntil = null;
        var limitedScopes = new List<string>();
        try
        {
            metadata = (await goCardless.GetAccountAsync(raw.Id, cancellationToken)).Value;
            switch (metadata.StatusCode.Trim().ToUpperInvariant())
            {
                case "EXPIRED":
                    await ExpireAsync(context, cancellationToken);
                    return new AccountSyncResult(account.Id, name, false, true, "Bank access has expired.");
                case "SUSPENDED" or "ERROR":
                    return await SuspendedAsync(context, account, raw, name, metadata.StatusCode, cancellationToken);
                case "PROCESSING" or "DISCOVERED":
                    return await ProcessingAsync(context, account, raw, name, cancellationToken);
                default:
                    break;
            }

            if (raw.DetailsFetchedAt is null || raw.DetailsFetchedAt < now - _options.DetailsRefreshInterval)
            {
                details = await CallAsync(raw.Id, AccountBudget.Details, context.Trigger, limitedScopes, ct => goCardless.GetAccountDetailsAsync(raw.Id, ct), cancellationToken);
            }

            balances = await CallAsync(raw.Id, AccountBudget.Balances, context.Trigger, limitedScopes, ct => goCardless.GetAccountBalancesAsync(raw.Id, ct), cancellationToken);
            var today = DateOnly.FromDateTime(now);
            var from = context.FullSync || raw.TransactionsSyncedTo is null
                ? today.AddDays(-context.HistoryDays)
                : raw.TransactionsSyncedTo.Value.AddDays(-_options.OverlapDays);
            if (from > today)
            {
                from = today;
            }

            var fetched = await CallAsync(raw.Id, AccountBudget.Transactions, context.Trigger, limitedScopes,
                ct => goCardless.GetAccountTransactionsAsync(raw.Id, from, null, ct), cancellationToken);
            if (fetched is not null)
            {
                transactions = TransactionNormaliser.Normalise(fetched.Booked, fetched.Pending);
                watermark = today;
            }
        }
        catch (GoCardlessRateLimitedException exception) when (exception.IsAccountLimit || exception.IsInstitutionLimit)
        {
            // Stop this account (no retry loop): what was read so far is kept, the next sync comes after the reset.
            limitedUntil = now + exception.ResetAfter + _options.ResetMargin;
            Log.AccountLimited(logger, raw.Id, exception.Scope, exception.ResetAfter);
        }
        catch (GoCardlessRateLimitedException exception)
        {
            context.StopAll = true;
            context.Plan(now + exception.ResetAfter + _options.ResetMargin);
            return new AccountSyncResult(account.Id, name, false, false,
                $"The bank data provider is busy; next sync after {Format(now + exception.ResetAfter + _options.ResetMargin)}.");
        }
        catch (GoCardlessAccessExpiredException exception) when (exception.Reason == GoCardlessAccessExpiredReason.AccountInactive)
        {
            await db.Accounts.Where(a => a.Id == account.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AccountStatus.Inactive), cancellationToken);
            return new AccountSyncResult(account.Id, name, false, true, "The bank reports this account as closed or no longer shared.");
        }
        catch (GoCardlessAccessExpiredException)
        {
            await ExpireAsync(context, cancellationToken);
            return new AccountSyncResult(account.Id, name, false, true, "Bank access has expired.");
        }
        catch (GoCardlessAccountProcessingException)
        {
            return await ProcessingAsync(context, account, raw, name, cancellationToken);
        }
        catch (GoCardlessAccountSuspendedException exception)
        {
            return await SuspendedAsync(context, account, raw, name, exception.AccountStatusCode ?? "SUSPENDED", cancellationToken);
        }
        catch (GoCardlessApiException exception)
        {
            return await FailedAsync(context, account, raw, name, exception, cancellationToken);
        }

        faults.Hit(SyncFaultPoints.AfterFetch, raw.Id);
        var next = limitedUntil;
        foreach (var scope in limitedScopes)
        {
            var available = (await budget.NextAvailableAtAsync(raw.Id, scope, SyncTrigger.Scheduled, cancellationToken) ?? Now) + _options.ResetMargin;
            next = next is null || available > next ? available : next;
        }

        var written = await writer.CommitAsync(account.Id, raw.Id, new FetchedAccountData(metadata, details, balances, transactions, watermark), cancellationToken);
        faults.Hit(SyncFaultPoints.AfterCommit, raw.Id);
        if (next is { } planned)
        {
            await db.GcBankAccounts.Where(g => g.Id == raw.Id).ExecuteUpdateAsync(s => s.SetProperty(g => g.NextSyncAfter, planned), cancellationToken);
            context.Plan(planned);
        }

        var synced = balances is not null || transactions is not null;
        var note = next is { } after
            ? $"Bank's daily limit reached; next sync after {Format(after)}."
            : null;
        Log.AccountSynced(logger, raw.Id, written.Inserted, written.Updated, written.PendingReplaced);
        return new AccountSyncResult(account.Id, name, synced, false, note);
    }

    /// One budgeted call: reserve, call, then confirm (or give the reservation back when GoCardless did not count it).
    private async Task<T?> CallAsync<T>(
        string accountId, string scope, SyncTrigger trigger, List<string> limitedScopes,
        Func<CancellationToken, Task<GoCardlessResponse<T>>> call, CancellationToken cancellationToken)
        where T : class
    {
        var reservation = await budget.TryReserveAsync(accountId, scope, trigger, cancellationToken);
        if (reservation is null)
        {
            limitedScopes.Add(scope);
            return null;
        }

        try
        {
            var response = await call(cancellationToken);
            await budget.ConfirmAsync(reservation, response.RateLimits, CancellationToken.None);
            return response.Value;
        }
        catch (GoCardlessRateLimitedException exception) when (exception.IsAccountLimit)
        {
            await budget.ExhaustedAsync(reservation, exception.ResetAfter, exception.RateLimits, CancellationToken.None);
            throw;
        }
        catch (GoCardlessProtocolException exception) when (exception.StatusCode is { } status && (int)status is >= 200 and < 300)
        {
            // GoCardless answered with a success, which it counts, even though the body was of no use to us: giving the
            // reservation back would let a later sync spend a call the account no longer has.
            await budget.ConfirmAsync(reservation, exception.RateLimits, CancellationToken.None);
            throw;
        }
        catch
        {
            await budget.ReleaseAsync(reservation, CancellationToken.None);
            throw;
        }
    }

    private async Task<AccountSyncResult> ProcessingAsync(RunContext context, Account account, GcBankAccount raw, string name, CancellationToken cancellationToken)
    {
        var failures = raw.ConsecutiveFailures + 1;
        var next = Now + _options.ProcessingRetryDelay;
        await RecordFailureAsync(raw.Id, failures, next, null, cancellationToken);
        if (failures < _options.StopAfterConsecutiveFailures)
        {
            context.Plan(next);
            return new AccountSyncResult(account.Id, name, false, false, $"The bank is still preparing this account; next try after {Format(next)}.");
        }

        return new AccountSyncResult(account.Id, name, false, true, "The bank is still preparing this account; automatic retries have stopped.");
    }

    private async Task<AccountSyncResult> SuspendedAsync(RunContext context, Account account, GcBankAccount raw, string name, string status, CancellationToken cancellationToken)
    {
        context.Suspended.Add(raw.Id);
        await RecordFailureAsync(raw.Id, raw.ConsecutiveFailures + 1, null, status.Trim().ToUpperInvariant(), cancellationToken);
        await db.Accounts.Where(a => a.Id == account.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AccountStatus.Inactive), cancellationToken);
        return new AccountSyncResult(account.Id, name, false, true, "The bank data provider suspended this account after repeated errors; reconnect it to resume.");
    }

    private async Task<AccountSyncResult> FailedAsync(RunContext context, Account account, GcBankAccount raw, string name, GoCardlessApiException exception, CancellationToken cancellationToken)
    {
        var failures = raw.ConsecutiveFailures + 1;
        var backoff = TimeSpan.FromTicks(Math.Min(_options.MaxFailureBackoff.Ticks, _options.FailureBackoff.Ticks * (1L << Math.Min(failures - 1, 20))));
        var next = Now + backoff;
        await RecordFailureAsync(raw.Id, failures, next, null, cancellationToken);
        Log.AccountFailed(logger, raw.Id, exception.GetType().Name, (int?)exception.StatusCode, failures);
        var reason = exception switch
        {
            GoCardlessUnavailableException { Reason: GoCardlessUnavailableReason.Timeout } => "The bank data provider did not answer in time",
            GoCardlessInstitutionException => "The bank did not respond",
            GoCardlessProtocolException => "The bank data provider sent data in an unexpected format",
            _ => "The bank data provider refused the request",
        };
        if (failures < _options.StopAfterConsecutiveFailures)
        {
            context.Plan(next);
            return new AccountSyncResult(account.Id, name, false, true, $"{reason}; next try after {Format(next)}.");
        }

        return new AccountSyncResult(account.Id, name, false, true, $"{reason}; automatic sync is paused after {failures} failures in a row.");
    }

    private Task<int> RecordFailureAsync(string accountId, int failures, DateTime? next, string? status, CancellationToken cancellationToken)
    {
        var now = Now;
        return status is null
            ? db.GcBankAccounts.Where(g => g.Id == accountId).ExecuteUpdateAsync(s => s
                .SetProperty(g => g.ConsecutiveFailures, failures)
                .SetProperty(g => g.NextSyncAfter, next)
                .SetProperty(g => g.UpdatedAt, now), cancellationToken)
            : db.GcBankAccounts.Where(g => g.Id == accountId).ExecuteUpdateAsync(s => s
                .SetProperty(g => g.ConsecutiveFailures, failures)
                .SetProperty(g => g.NextSyncAfter, next)
                .SetProperty(g => g.Status, status)
                .SetProperty(g => g.UpdatedAt, now), cancellationToken);
    }

    /// Access ended at GoCardless: the connection is expired and no further call is made for it until reauthorised.
    private async Task ExpireAsync(RunContext context, CancellationToken cancellationToken)
    {
        context.Expired = true;
        context.StopAll = true;
        await SetConnectionStatusAsync(context.Connection.Id, ConnectionStatus.Expired, cancellationToken);
        await db.Accounts.Where(a => a.ConnectionId == context.Connection.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AccountStatus.Inactive), cancellationToken);
    }

    private async Task SetConnectionStatusAsync(Guid connectionId, ConnectionStatus status, CancellationToken cancellationToken)
    {
        var now = Now;
        var changed = await db.Connections
            .Where(c => c.Id == connectionId && c.Status == ConnectionStatus.Active)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Status, status)
                .SetProperty(c => c.UpdatedAt, now)
                .SetProperty(c => c.Version, c => c.Version + 1), cancellationToken);
        if (changed == 1)
        {
            Log.ConnectionStatusChanged(logger, connectionId, status);
        }
    }

    private async Task<int> HistoryDaysAsync(Connection connection, GcRequisitionLink? requisition, CancellationToken cancellationToken)
    {
        var days = await db.Institutions.Where(i => i.Id == connection.InstitutionId).Select(i => (int?)i.TransactionTotalDays).SingleOrDefaultAsync(cancellationToken);
        var history = days is > 0 ? days.Value : _options.DefaultHistoryDays;
        if (requisition?.Agreement is { Length: > 0 } agreementId)
        {
            var allowed = await db.GcEndUserAgreements.Where(a => a.Id == agreementId).Select(a => (int?)a.MaxHistoricalDays).SingleOrDefaultAsync(cancellationToken);
            if (allowed is > 0 && allowed < history)
            {
                history = allowed.Value;
            }
        }

        return history;
    }

    private async Task<bool> TryLeaseAsync(Guid connectionId, Guid owner, bool reclaim, CancellationToken cancellationToken)
    {
        var now = Now;
        var until = now + _options.LeaseDuration;
        return await db.Connections
            .Where(c => c.Id == connectionId && (c.SyncLeaseUntil == null || c.SyncLeaseUntil < now || (reclaim && c.SyncLeaseOwner == owner)))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.SyncLeaseUntil, until).SetProperty(c => c.SyncLeaseOwner, owner), cancellationToken) == 1;
    }

    private Task<int> ExtendLeaseAsync(Guid connectionId, Guid owner, CancellationToken cancellationToken)
    {
        var until = Now + _options.LeaseDuration;
        return db.Connections.Where(c => c.Id == connectionId && c.SyncLeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.SyncLeaseUntil, until), cancellationToken);
    }

    private async Task ReleaseLeaseAsync(Guid connectionId, Guid owner)
    {
        try
        {
            await db.Connections.Where(c => c.Id == connectionId && c.SyncLeaseOwner == owner)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.SyncLeaseUntil, (DateTime?)null).SetProperty(c => c.SyncLeaseOwner, (Guid?)null));
        }
        catch (Exception exception) when (exception is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            // The lease expires by itself.
            Log.LeaseNotReleased(logger, connectionId, exception.GetType().Name);
        }
    }

    private static Guid LeaseOwnerFor(string engineJobId) =>
        new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("engine-job:" + engineJobId)).AsSpan(0, 16));

    private DateTime Now => timeProvider.GetUtcNow().UtcDateTime;

    private string Format(DateTime at)
    {
        var time = at.ToString("HH:mm", CultureInfo.InvariantCulture);
        return DateOnly.FromDateTime(at) == DateOnly.FromDateTime(Now)
            ? $"{time} UTC"
            : $"{at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {time} UTC";
    }

    private sealed class RunContext(Connection connection, bool fullSync, SyncTrigger trigger, int historyDays)
    {
        public Connection Connection { get; } = connection;
        public bool FullSync { get; } = fullSync;
        public SyncTrigger Trigger { get; } = trigger;
        public int HistoryDays { get; } = historyDays;
        public bool StopAll { get; set; }
        public bool Expired { get; set; }
        public HashSet<string> Suspended { get; } = new(StringComparer.Ordinal);
        public DateTime? NextRun { get; private set; }

        public void Plan(DateTime at) => NextRun = NextRun is null || at < NextRun ? at : NextRun;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Sync of connection {ConnectionId} skipped: another run holds its lease")]
        public static partial void LeaseHeld(ILogger logger, Guid connectionId);

        [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Sync of connection {ConnectionId} finished {Status}: {Synced} of {Total} accounts synced")]
        public static partial void Finished(ILogger logger, Guid connectionId, JobStatus status, int synced, int total);

        [LoggerMessage(EventId = 4013, Level = LogLevel.Information, Message = "Sync of connection {ConnectionId} stopped: the connection was deleted during the run")]
        public static partial void DeletedDuringRun(ILogger logger, Guid connectionId);

        [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "Sync of connection {ConnectionId} stopped unexpectedly")]
        public static partial void Crashed(ILogger logger, Guid connectionId, Exception exception);

        [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Account {AccountId} hit GoCardless's limit for {Scope}; reset in {ResetAfter}")]
        public static partial void AccountLimited(ILogger logger, string accountId, GoCardlessScope scope, TimeSpan resetAfter);

        [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Account {AccountId} sync failed: {Failure} (HTTP {Status}); {Failures} failures in a row")]
        public static partial void AccountFailed(ILogger logger, string accountId, string failure, int? status, int failures);

        [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Account {AccountId} synced: {Inserted} new, {Updated} changed, {Removed} pending removed")]
        public static partial void AccountSynced(ILogger logger, string accountId, int inserted, int updated, int removed);

        [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "Connection {ConnectionId} is now {Status}")]
        public static partial void ConnectionStatusChanged(ILogger logger, Guid connectionId, ConnectionStatus status);

        [LoggerMessage(EventId = 4008, Level = LogLevel.Warning, Message = "Accounts of connection {ConnectionId} could not be read ({Failure})")]
        public static partial void AccountsUnreadable(ILogger logger, Guid connectionId, string failure);

        [LoggerMessage(EventId = 4009, Level = LogLevel.Warning, Message = "The sync lease of connection {ConnectionId} could not be released ({Failure}); it expires by itself")]
        public static partial void LeaseNotReleased(ILogger logger, Guid connectionId, string failure);
    }
}
