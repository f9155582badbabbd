using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Accounts;
using PersonalFinance.Api.Connections;
using PersonalFinance.Api.Data;
using PersonalFinance.Api.GoCardlessStore;
using PersonalFinance.Api.Institutions;

namespace PersonalFinance.Api.Cli;

/// seed-dev-user: creates dev / devpassword123 (Dev User) when missing, then gives every stored GoCardless requisition
/// that has no connection to the dev user, with its accounts. Running it twice changes nothing.
internal static class SeedDevUserVerb
{
    public const string Username = "dev";
    public const string Password = "devpassword123";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var users = CliVerbs.Users(services);
        var db = services.GetRequiredService<AppDbContext>();
        if (await users.ExistsAsync(Username, cancellationToken))
        {
            await output.WriteLineAsync($"User '{Username}' already exists.");
        }
        else
        {
            await output.WriteLineAsync($"Creating user '{Username}'…");
            await users.CreateAsync(Username, Password, "Dev", "User", cancellationToken);
            await output.WriteLineAsync($"Created user '{Username}' with password '{Password}'.");
        }

        var userId = await db.Users.Where(u => u.Username == Username).Select(u => u.Id).SingleAsync(cancellationToken);
        var unlinked = await db.GcRequisitionLinks
            .Where(r => r.DeletedAt == null && !db.Connections.Any(c => c.Provider == ConnectionsEndpoints.Provider && c.ProviderId == r.Id))
            .OrderBy(r => r.Created)
            .ToListAsync(cancellationToken);
        if (unlinked.Count == 0)
        {
            await output.WriteLineAsync("Every stored GoCardless requisition already has a connection; nothing to link.");
            return 0;
        }

        var catalogue = services.GetRequiredService<InstitutionCatalogue>();
        var linked = new List<Guid>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        foreach (var requisition in unlinked)
        {
            var institution = await catalogue.FindAsync(requisition.InstitutionId, cancellationToken);
            if (institution is null)
            {
                await output.WriteLineAsync($"  skipped requisition {requisition.Id}: GoCardless does not know institution {requisition.InstitutionId}");
                continue;
            }

            var status = GoCardlessStatusMap.ToConnectionStatus(requisition.Status);
            var connection = new Connection
            {
                Id = Guid.NewGuid(),
                UserId = userId,
                Provider = ConnectionsEndpoints.Provider,
                ProviderId = requisition.Id,
                InstitutionId = institution.Id,
                FriendlyName = requisition.FriendlyName ?? institution.Name,
                Status = status,
                CreatedAt = requisition.Created ?? now,
                UpdatedAt = now,
                ExpiresAt = await ExpiryAsync(db, requisition, institution, now, cancellationToken),
            };
            db.Connections.Add(connection);

            var bankAccounts = await db.GcBankAccounts.Where(a => a.RequisitionId == requisition.Id).ToListAsync(cancellationToken);
            foreach (var bankAccount in bankAccounts)
            {
                db.Accounts.Add(new Account
                {
                    Id = Guid.NewGuid(),
                    ConnectionId = connection.Id,
                    ProviderId = bankAccount.Id,
                    Name = bankAccount.Name ?? bankAccount.DisplayName ?? bankAccount.Product,
                    Iban = bankAccount.Iban,
                    Currency = bankAccount.Currency,
                    Status = GoCardlessStatusMap.ToAccountStatus(bankAccount.Status),
                    CreatedAt = now,
                    UpdatedAt = now,
                });
            }

            await db.SaveChangesAsync(cancellationToken);
            if (status == ConnectionStatus.Active)
            {
                linked.Add(connection.Id);
            }

            await output.WriteLineAsync($"  linked '{connection.FriendlyName}' ({institution.Name}, {status.ToString().ToLowerInvariant()}) with {bankAccounts.Count} accounts to '{Username}'");
        }

        // A fresh machine should show balances and transactions at once, not after the first scheduled sync.
        if (linked.Count > 0)
        {
            await output.WriteLineAsync("Fetching balances and transactions for the linked connections…");
            await SyncVerb.SyncAsync(services, linked, full: true, output, cancellationToken);
        }

        return 0;
    }

    private static async Task<DateTime?> ExpiryAsync(AppDbContext db, GcRequisitionLink requisition, Institution institution, DateTime now, CancellationToken cancellationToken)
    {
        if (requisition.Status != "LN")
        {
            return null;
        }

        var agreement = requisition.Agreement is null ? null : await db.GcEndUserAgreements.SingleOrDefaultAsync(a => a.Id == requisition.Agreement, cancellationToken);
        return agreement?.Accepted is { } accepted
            ? accepted.AddDays(agreement.AccessValidForDays)
            : (requisition.Created ?? now).AddDays(Math.Min(institution.MaxAccessValidForDays, 90));
    }
}
