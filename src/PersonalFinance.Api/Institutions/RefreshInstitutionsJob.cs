namespace PersonalFinance.Api.Institutions;

/// Reloads the bank catalogue from GoCardless (daily, and at start-up when the catalogue is empty).
internal sealed class RefreshInstitutionsJob(InstitutionCatalogue catalogue)
{
    public Task<int> ExecuteAsync(CancellationToken cancellationToken) => catalogue.RefreshAsync(cancellationToken);
}
