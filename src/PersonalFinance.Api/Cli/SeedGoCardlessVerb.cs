using GoCardless.BankAccountData;
using GoCardless.Sandbox;
using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Connections;
using PersonalFinance.Api.Data;
using PersonalFinance.Api.GoCardlessStore;
using PersonalFinance.Api.Sync;

namespace PersonalFinance.Api.Cli;

/// seed-gocardless: pulls the GoCardless side (requisitions, accounts, balances, transactions) into the gc_* tables. Against the
/// built-in sandbox it first creates and approves a demo requisition when none is linked, so a fresh machine has data.
internal static class SeedGoCardlessVerb
{
    public const string DemoInstitution = "SANDBOXFINANCE_SFIN0000";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var goCardless = services.GetRequiredService<GoCardlessClient>();
        var db = services.GetRequiredService<AppDbContext>();
        var timeProvider = services.GetRequiredService<TimeProvider>();

        await output.WriteLineAsync("Reading requisitions from GoCardless…");
        var requisitions = (await goCardless.ListRequisitionsAsync(cancellationToken: cancellationToken)).Value;
        if (services.GetService<SandboxServer>() is { } sandbox && !requisitions.Any(r => r.StatusCode == "LN"))
        {
            await output.WriteLineAsync($"The sandbox has no linked requisition: creating and approving a demo one at {DemoInstitution}…");
            await CreateDemoRequisitionAsync(services, sandbox, cancellationToken);
            requisitions = (await goCardless.ListRequisitionsAsync(cancellationToken: cancellationToken)).Value;
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var known = await db.GcRequisitionLinks.ToDictionaryAsync(r => r.Id, cancellationToken);
        int added = 0, accountsStored = 0;
        foreach (var requisition in requisitions)
        {
            if (!known.TryGetValue(requisition.Id, out var row))
            {
                row = new GcRequisitionLink
                {
                    Id = requisition.Id,
                    Reference = requisition.Reference ?? requisition.Id,
                    InstitutionId = requisition.InstitutionId,
                    Status = requisition.StatusCode,
                };
                db.GcRequisitionLinks.Add(row);
                added++;
            }

            row.Created = requisition.Created?.UtcDateTime ?? row.Created;
            row.Updated = now;
            row.Redirect = requisition.Redirect;
            row.Status = requisition.StatusCode;
            row.Agreement = requisition.Agreement;
            row.Link = requisition.Link;
            row.Ssn = requisition.Ssn;
            row.AccountSelection = requisition.AccountSelection;
            row.RedirectImmediate = requisition.RedirectImmediate;
            row.UserLanguage = requisition.UserLanguage;
            row.Accounts = [.. requisition.Accounts];
            await db.SaveChangesAsync(cancellationToken);

            if (requisition.StatusCode != "LN")
            {
                await output.WriteLineAsync($"  requisition {requisition.Id} at {requisition.InstitutionId}: {requisition.StatusCode}, no accounts to read");
                continue;
            }

            foreach (var accountId in requisition.Accounts)
            {
                var metadata = (await goCardless.GetAccountAsync(accountId, cancellationToken)).Value;
                var details = await TryAsync(() => goCardless.GetAccountDetailsAsync(accountId, cancellationToken));
                var account = await db.GcBankAccounts.SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
                if (account is null)
                {
                    account = new GcBankAccount { Id = accountId, RequisitionId = requisition.Id };
                    db.GcBankAccounts.Add(account);
                }

                GcAccountMapper.Apply(account, metadata, details, now);
                await db.SaveChangesAsync(cancellationToken);
                accountsStored++;
                var balances = await TryAsync(() => goCardless.GetAccountBalancesAsync(accountId, cancellationToken));
                var transactions = await TryAsync(() => goCardless.GetAccountTransactionsAsync(accountId, cancellationToken: cancellationToken));
                var normalised = transactions is null ? null : TransactionNormaliser.Normalise(transactions.Booked, transactions.Pending);
                // Raw rows only: no connection owns this account yet (seed-dev-user links it and its first sync fills the unified rows).
                await services.GetRequiredService<AccountSyncWriter>().CommitAsync(
                    null, accountId, new FetchedAccountData(metadata, details, balances, normalised, normalised is null ? null : DateOnly.FromDateTime(now)), cancellationToken);
                await output.WriteLineAsync($"  requisition {requisition.Id} at {requisition.InstitutionId}: account {accountId} ({account.Currency}, {account.Status}): "
                    + $"{balances?.Balances.Count ?? 0} balances, {normalised?.Booked.Count ?? 0} booked and {normalised?.Pending.Count ?? 0} pending transactions");
            }
        }

        await output.WriteLineAsync($"Done: {requisitions.Count} requisitions ({added} new), {accountsStored} accounts stored.");
        return 0;
    }

    private static async Task CreateDemoRequisitionAsync(IServiceProvider services, SandboxServer sandbox, CancellationToken cancellationToken)
    {
        var starter = services.GetRequiredService<RequisitionStarter>();
        var goCardless = services.GetRequiredService<GoCardlessClient>();
        var requisition = (await goCardless.CreateRequisitionAsync(new CreateRequisitionRequest
        {
            Redirect = starter.CallbackUrl,
            InstitutionId = DemoInstitution,
            Reference = Guid.NewGuid().ToString(),
        }, cancellationToken)).Value;
        using var control = new HttpClient { BaseAddress = sandbox.BaseAddress };
        using var response = await control.PostAsJsonAsync($"_sandbox/requisitions/{requisition.Id}/complete", new { outcome = "linked", psu = "demo" }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private static async Task<T?> TryAsync<T>(Func<Task<GoCardlessResponse<T>>> call) where T : class
    {
        try
        {
            return (await call()).Value;
        }
        catch (GoCardlessApiException)
        {
            // Each part is optional: metadata alone identifies the account, and the sync fetches the rest later.
            return null;
        }
    }
}
