using GoCardless.BankAccountData;
using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Accounts;
using PersonalFinance.Api.Data;
using PersonalFinance.Api.GoCardlessStore;
using PersonalFinance.Api.Sync;
using Account = PersonalFinance.Api.Accounts.Account;

namespace PersonalFinance.Api.Connections;

internal sealed record CompletionResult(string RequisitionStatus, ConnectionStatus ConnectionStatus, bool Changed);

/// Reads a requisition's true status from GoCardless and brings our rows in line with it: the one path shared by
/// the callback and the poller. Safe to run many times at once: only the caller that moves the connection into a
/// new status acts on that change (accounts, expiry, sync), the others only re-read.
internal sealed partial class RequisitionCompletion(
    AppDbContext db,
    GoCardlessClient goCardless,
    SyncScheduler syncScheduler,
    AccountBudget budget,
    TimeProvider timeProvider,
    ILogger<RequisitionCompletion> logger)
{
    public async Task<CompletionResult> CompleteAsync(string requisitionId, CancellationToken cancellationToken)
    {
        var requisition = (await goCardless.GetRequisitionAsync(requisitionId, cancellationToken)).Value;
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var status = requisition.StatusCode.Trim().ToUpperInvariant();
        var accountIds = requisition.Accounts.ToList();
        await db.GcRequisitionLinks
            .Where(r => r.Id == requisitionId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, status)
                .SetProperty(r => r.Accounts, accountIds)
                .SetProperty(r => r.Agreement, requisition.Agreement)
                .SetProperty(r => r.Updated, now), cancellationToken);

        var target = GoCardlessStatusMap.ToConnectionStatus(status);
        var connection = await db.Connections.AsNoTracking()
            .SingleOrDefaultAsync(c => c.Provider == InstitutionProvider && c.ProviderId == requisitionId, cancellationToken);
        if (connection is null)
        {
            // The requisition was replaced by a reauthorisation or its connection was deleted: nothing to update.
            return new CompletionResult(status, target, Changed: false);
        }

        // Only one concurrent caller wins this transition; a repeat or racing callback changes nothing.
        var changed = connection.Status != target && await db.Connections
            .Where(c => c.Id == connection.Id && c.ProviderId == requisitionId && c.Status != target)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Status, target)
                .SetProperty(c => c.UpdatedAt, now)
                .SetProperty(c => c.Version, c => c.Version + 1), cancellationToken) == 1;
        if (!changed)
        {
            return new CompletionResult(status, target, Changed: false);
        }

        Log.StatusChanged(logger, connection.Id, connection.Status, target);
        if (target == ConnectionStatus.Active)
        {
            await LinkAsync(connection, requisition, cancellationToken);
        }

        return new CompletionResult(status, target, Changed: true);
    }

    private const string InstitutionProvider = "gocardless";

    private async Task LinkAsync(Connection connection, Requisition requisition, CancellationToken cancellationToken)
    {
        await SetExpiryAsync(connection, requisition, cancellationToken);
        try
        {
            await StoreAccountsAsync(connection, requisition, cancellationToken);
        }
        catch (GoCardlessApiException exception)
        {
            // The link stands; the next sync fetches what could not be read now (e.g. accounts still processing).
            Log.AccountsDeferred(logger, connection.Id, exception.GetType().Name);
            db.ChangeTracker.Clear();
        }

        await syncScheduler.EnqueueConnectionSyncAsync(connection.Id, fullSync: false, cancellationToken);
    }

    private async Task SetExpiryAsync(Connection connection, Requisition requisition, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        DateTime? expiresAt = null;
        if (!string.IsNullOrEmpty(requisition.Agreement))
        {
            try
            {
                var agreement = (await goCardless.GetAgreementAsync(requisition.Agreement, cancellationToken)).Value;
                await StoreAgreementAsync(agreement, cancellationToken);
                var start = agreement.Accepted?.UtcDateTime ?? now;
                expiresAt = start.AddDays(agreement.AccessValidForDays ?? 90);
            }
            catch (GoCardlessApiException exception)
            {
                Log.AgreementUnreadable(logger, connection.Id, exception.GetType().Name);
            }
        }

        if (expiresAt is null)
        {
            var days = await db.Institutions.Where(i => i.Id == connection.InstitutionId).Select(i => (int?)i.MaxAccessValidForDays).SingleOrDefaultAsync(cancellationToken);
            expiresAt = now.AddDays(Math.Min(days ?? 90, 90));
        }

        await db.Connections.Where(c => c.Id == connection.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ExpiresAt, expiresAt), cancellationToken);
    }

    private async Task StoreAgreementAsync(EndUserAgreement agreement, CancellationToken cancellationToken)
    {
        var row = await db.GcEndUserAgreements.SingleOrDefaultAsync(a => a.Id == agreement.Id, cancellationToken);
        if (row is null)
        {
            row = new GcEndUserAgreement { Id = agreement.Id, InstitutionId = agreement.InstitutionId };
            db.GcEndUserAgreements.Add(row);
        }

        row.Created = agreement.Created?.UtcDateTime;
        row.InstitutionId = agreement.InstitutionId;
        row.MaxHistoricalDays = agreement.MaxHistoricalDays ?? 90;
        row.AccessValidForDays = agreement.AccessValidForDays ?? 90;
        row.AccessScope = [.. agreement.AccessScope];
        row.Accepted = agreement.Accepted?.UtcDateTime;
        row.Reconfirmation = agreement.Reconfirmation;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// Stores each account of the requisition raw and unified. Accounts of a reauthorised connection are matched to
    /// the ones it already has (by IBAN, then the bank's resource id, then name and currency), so their ids and history survive.
    public async Task StoreAccountsAsync(Connection connection, Requisition requisition, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var existing = await db.Accounts.Where(a => a.ConnectionId == connection.Id).ToListAsync(cancellationToken);
        var existingProviderIds = existing.Select(a => a.ProviderId).ToList();
        var previousRaw = await db.GcBankAccounts.AsNoTracking()
            .Where(g => existingProviderIds.Contains(g.Id))
            .ToDictionaryAsync(g => g.Id, cancellationToken);
        var matched = new HashSet<Guid>();

        foreach (var accountId in requisition.Accounts)
        {
            var metadata = (await goCardless.GetAccountAsync(accountId, cancellationToken)).Value;
            var details = await TryGetDetailsAsync(connection.Id, accountId, cancellationToken);
            var raw = await db.GcBankAccounts.SingleOrDefaultAsync(g => g.Id == accountId, cancellationToken);
            if (raw is null)
            {
                raw = new GcBankAccount { Id = accountId, RequisitionId = requisition.Id };
                db.GcBankAccounts.Add(raw);
            }

            GcAccountMapper.Apply(raw, metadata, details, now);

            var account = existing.FirstOrDefault(a => a.ProviderId == accountId)
                ?? existing.FirstOrDefault(a => !matched.Contains(a.Id) && raw.Iban is not null && a.Iban == raw.Iban)
                ?? existing.FirstOrDefault(a => !matched.Contains(a.Id) && raw.ResourceId is not null
                    && previousRaw.TryGetValue(a.ProviderId, out var old) && old.ResourceId == raw.ResourceId)
                ?? existing.FirstOrDefault(a => !matched.Contains(a.Id) && a.Iban is null && raw.Iban is null
                    && a.Name == (raw.Name ?? raw.DisplayName ?? raw.Product) && a.Currency == raw.Currency);
            if (account is null)
            {
                account = new Account { Id = Guid.NewGuid(), ConnectionId = connection.Id, ProviderId = accountId, CreatedAt = now };
                db.Accounts.Add(account);
                existing.Add(account);
            }

            matched.Add(account.Id);
            account.ProviderId = accountId;
            account.Name = raw.Name ?? raw.DisplayName ?? raw.Product;
            account.Iban = raw.Iban;
            account.Currency = raw.Currency;
            account.Status = GoCardlessStatusMap.ToAccountStatus(raw.Status);
            account.UpdatedAt = now;
        }

        // Accounts that no longer appear in the linked requisition stay, inactive, with their transactions.
        foreach (var gone in existing.Where(a => !matched.Contains(a.Id)))
        {
            gone.Status = AccountStatus.Inactive;
            gone.UpdatedAt = now;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent completion stored the same accounts first; its rows are the same as ours.
            db.ChangeTracker.Clear();
        }
    }

    /// Details are optional here: an account still processing answers 409, and the next sync fetches them. They use one
    /// of the account's daily calls, so they go through the shared budget like the sync's calls.
    private async Task<AccountDetails?> TryGetDetailsAsync(Guid connectionId, string accountId, CancellationToken cancellationToken)
    {
        var reservation = await budget.TryReserveAsync(accountId, AccountBudget.Details, SyncTrigger.Manual, cancellationToken);
        if (reservation is null)
        {
            return null;
        }

        try
        {
            var response = await goCardless.GetAccountDetailsAsync(accountId, cancellationToken);
            await budget.ConfirmAsync(reservation, response.RateLimits, CancellationToken.None);
            return response.Value;
        }
        catch (GoCardlessApiException exception) when (exception is not GoCardlessAccessExpiredException)
        {
            await budget.ReleaseAsync(reservation, CancellationToken.None);
            Log.AccountsDeferred(logger, connectionId, exception.GetType().Name);
            return null;
        }
        catch
        {
            await budget.ReleaseAsync(reservation, CancellationToken.None);
            throw;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Connection {ConnectionId} status changed from {From} to {To}")]
        public static partial void StatusChanged(ILogger logger, Guid connectionId, ConnectionStatus from, ConnectionStatus to);

        [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Accounts of connection {ConnectionId} could not be read yet ({Failure}); the next sync will fetch them")]
        public static partial void AccountsDeferred(ILogger logger, Guid connectionId, string failure);

        [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "The agreement of connection {ConnectionId} could not be read ({Failure}); expiry estimated from the institution")]
        public static partial void AgreementUnreadable(ILogger logger, Guid connectionId, string failure);
    }
}
