using Microsoft.EntityFrameworkCore;
using PersonalFinance.Api.Data;
using PersonalFinance.Api.GoCardlessStore;
using GcClient = GoCardless.BankAccountData.GoCardlessClient;
using GcInstitutionModel = GoCardless.BankAccountData.Institution;
using GcNotFound = GoCardless.BankAccountData.GoCardlessNotFoundException;

namespace PersonalFinance.Api.Institutions;

/// The bank catalogue cached from GoCardless: raw rows in gc_institutions, the unified view in institutions.
internal sealed partial class InstitutionCatalogue(AppDbContext db, GcClient goCardless, TimeProvider timeProvider, ILogger<InstitutionCatalogue> logger)
{
    public const string Provider = "gocardless";
    private const int DefaultTransactionDays = 90;
    private const int DefaultAccessDays = 90;

    /// The local row, else GoCardless's record cached on the way; null when GoCardless does not know the id either.
    public async Task<Institution?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var local = await db.Institutions.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (local is not null)
        {
            return local;
        }

        GcInstitutionModel remote;
        try
        {
            remote = (await goCardless.GetInstitutionAsync(id, cancellationToken)).Value;
        }
        catch (GcNotFound)
        {
            return null;
        }

        await UpsertAsync([remote], cancellationToken);
        return await db.Institutions.AsNoTracking().SingleAsync(i => i.Id == remote.Id, cancellationToken);
    }

    public async Task EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (!await db.Institutions.AnyAsync(cancellationToken))
        {
            await RefreshAsync(cancellationToken);
        }
    }

    /// Reloads the whole catalogue (every country, the sandbox bank included) and returns how many banks it holds.
    public async Task<int> RefreshAsync(CancellationToken cancellationToken)
    {
        var institutions = (await goCardless.ListInstitutionsAsync(null, cancellationToken)).Value;
        await UpsertAsync(institutions, cancellationToken);
        Log.Refreshed(logger, institutions.Count);
        return institutions.Count;
    }

    private async Task UpsertAsync(IReadOnlyCollection<GcInstitutionModel> institutions, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var ids = institutions.Select(i => i.Id).ToList();
        var raw = await db.GcInstitutions.Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        var unified = await db.Institutions.Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        foreach (var source in institutions)
        {
            if (!raw.TryGetValue(source.Id, out var gc))
            {
                gc = new GcInstitution { Id = source.Id, Name = source.Name };
                db.GcInstitutions.Add(gc);
            }

            gc.Name = source.Name;
            gc.Bic = source.Bic;
            gc.Logo = source.Logo;
            gc.Countries = [.. source.Countries];
            gc.TransactionTotalDays = source.TransactionTotalDays ?? DefaultTransactionDays;
            gc.MaxAccessValidForDays = source.MaxAccessValidForDays ?? DefaultAccessDays;
            if (source.SupportedFeatures.Count > 0)
            {
                gc.SupportedFeatures = [.. source.SupportedFeatures];
            }

            gc.UpdatedAt = now;

            if (!unified.TryGetValue(source.Id, out var institution))
            {
                institution = new Institution { Id = source.Id, Provider = Provider, Name = source.Name, CreatedAt = now };
                db.Institutions.Add(institution);
            }

            institution.Name = source.Name;
            institution.LogoUrl = source.Logo;
            institution.Countries = [.. source.Countries.Select(c => c.ToUpperInvariant())];
            institution.TransactionTotalDays = gc.TransactionTotalDays;
            institution.MaxAccessValidForDays = gc.MaxAccessValidForDays;
            institution.UpdatedAt = now;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two requests filled the same rows at once; the other one's copy is as good as ours.
            db.ChangeTracker.Clear();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Institution catalogue refreshed: {Count} institutions")]
        public static partial void Refreshed(ILogger logger, int count);
    }
}
