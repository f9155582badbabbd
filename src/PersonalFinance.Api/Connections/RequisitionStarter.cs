using GoCardless.BankAccountData;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PersonalFinance.Api.GoCardlessStore;
using PersonalFinance.Api.Http;
using PersonalFinance.Api.Institutions;
using Institution = PersonalFinance.Api.Institutions.Institution;

namespace PersonalFinance.Api.Connections;

/// Creates a requisition at GoCardless for create and reauthorise alike, each with a new random reference.
internal sealed partial class RequisitionStarter(
    GoCardlessClient goCardless,
    InstitutionCatalogue catalogue,
    IOptions<ConnectionsOptions> options,
    IOptions<AppUrlOptions> urls,
    TimeProvider timeProvider,
    ILogger<RequisitionStarter> logger)
{
    public Uri CallbackUrl => new(options.Value.CallbackUrl ?? $"{urls.Value.PublicUrl.TrimEnd('/')}/api/connections/callback");

    /// Finds the institution (asking GoCardless when it is not cached) and starts a requisition for it. On failure the
    /// requisition is null and the problem says why, in the words the API contract gives: 404, or 429/502/503 from GoCardless.
    public async Task<(GcRequisitionLink? Requisition, ProblemHttpResult? Problem)> TryStartAsync(
        string institutionId, string friendlyName, HttpContext context, CancellationToken cancellationToken)
    {
        try
        {
            var institution = await catalogue.FindAsync(institutionId, cancellationToken);
            return institution is null
                ? (null, ApiProblems.NotFound($"Institution not found: {institutionId}"))
                : (await StartAsync(institution, friendlyName, cancellationToken), null);
        }
        catch (GoCardlessApiException exception)
        {
            Log.ProviderFailed(logger, exception.GetType().Name, (int?)exception.StatusCode);
            return (null, GoCardlessProblems.From(exception, context));
        }
    }

    /// Returns the created requisition and its raw row, not yet saved.
    public async Task<GcRequisitionLink> StartAsync(Institution institution, string friendlyName, CancellationToken cancellationToken)
    {
        string? agreementId = null;
        if (options.Value.CreateAgreements)
        {
            var agreement = (await goCardless.CreateAgreementAsync(new CreateAgreementRequest
            {
                InstitutionId = institution.Id,
                MaxHistoricalDays = institution.TransactionTotalDays,
                AccessValidForDays = institution.MaxAccessValidForDays,
                AccessScope = CreateAgreementRequest.AllScopes,
            }, cancellationToken)).Value;
            agreementId = agreement.Id;
        }

        // Guid.NewGuid is a version-4 UUID from the OS's cryptographic generator: the reference cannot be guessed.
        var reference = Guid.NewGuid().ToString();
        var requisition = (await goCardless.CreateRequisitionAsync(new CreateRequisitionRequest
        {
            Redirect = CallbackUrl,
            InstitutionId = institution.Id,
            Reference = reference,
            Agreement = agreementId,
            UserLanguage = options.Value.UserLanguage,
        }, cancellationToken)).Value;

        var now = timeProvider.GetUtcNow().UtcDateTime;
        return new GcRequisitionLink
        {
            Id = requisition.Id,
            Created = requisition.Created?.UtcDateTime ?? now,
            Updated = now,
            Redirect = requisition.Redirect ?? CallbackUrl.ToString(),
            Status = string.IsNullOrEmpty(requisition.StatusCode) ? "CR" : requisition.StatusCode,
            InstitutionId = institution.Id,
            Agreement = requisition.Agreement,
            Reference = reference,
            Link = requisition.Link,
            Ssn = requisition.Ssn,
            AccountSelection = requisition.AccountSelection,
            RedirectImmediate = requisition.RedirectImmediate,
            UserLanguage = requisition.UserLanguage,
            FriendlyName = friendlyName,
            Accounts = [.. requisition.Accounts],
        };
    }

    /// Best effort: a requisition we could not delete expires on its own and is never billed unless linked.
    public async Task<bool> TryDeleteAsync(string requisitionId, CancellationToken cancellationToken)
    {
        try
        {
            // A requisition GoCardless no longer knows counts as revoked.
            await goCardless.DeleteRequisitionIfExistsAsync(requisitionId, cancellationToken);
            return true;
        }
        catch (GoCardlessApiException)
        {
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3010, Level = LogLevel.Warning, Message = "GoCardless failed while starting a requisition: {Failure} (HTTP {Status})")]
        public static partial void ProviderFailed(ILogger logger, string failure, int? status);
    }
}
