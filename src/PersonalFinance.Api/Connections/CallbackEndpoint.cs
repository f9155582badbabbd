using GoCardless.BankAccountData;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalFinance.Api.Data;
using PersonalFinance.Api.Http;

namespace PersonalFinance.Api.Connections;

/// GET /api/connections/callback: where GoCardless sends the browser back. Trusts only `ref`, reads the true status
/// from GoCardless, and redirects to FRONTEND_URL with one of a fixed set of reasons (ADR 005).
internal static partial class CallbackEndpoint
{
    public static async Task<Results<RedirectHttpResult, ProblemHttpResult>> HandleAsync(
        [FromQuery(Name = "ref")] string? reference,
        [FromQuery(Name = "error")] string? error,
        HttpContext context,
        AppDbContext db,
        RequisitionCompletion completion,
        IOptions<AppUrlOptions> urls,
        ILogger<RequisitionCompletion> logger,
        CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        if (string.IsNullOrWhiteSpace(reference))
        {
            return ApiProblems.BadRequest("The ref parameter is required.");
        }

        // Our references are UUIDs; anything else cannot match and is not looked up.
        var requisitionId = Guid.TryParse(reference.Trim(), out var parsed)
            ? await db.GcRequisitionLinks.AsNoTracking()
                .Where(r => r.Reference == parsed.ToString() || r.Id == parsed.ToString())
                .Select(r => r.Id)
                .FirstOrDefaultAsync(cancellationToken)
            : null;
        if (requisitionId is null)
        {
            return ApiProblems.NotFound("No bank connection matches this reference.");
        }

        var target = urls.Value.EffectiveFrontendUrl + "/accounts";
        try
        {
            var result = await completion.CompleteAsync(requisitionId, cancellationToken);
            var reason = Reason(result.RequisitionStatus, error);
            return TypedResults.Redirect(reason is null ? $"{target}?callback=success" : $"{target}?callback=error&reason={reason}");
        }
        catch (GoCardlessApiException exception)
        {
            Log.ProviderFailed(logger, exception.GetType().Name, (int?)exception.StatusCode);
            return TypedResults.Redirect($"{target}?callback=error&reason=provider_error");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.InternalFailure(logger, exception, context.TraceIdentifier);
            return TypedResults.Redirect($"{target}?callback=error&reason=internal_error");
        }
    }

    /// null means success. Status LN wins whatever `error` says; `error` only picks among fixed reasons.
    internal static string? Reason(string requisitionStatus, string? error) => requisitionStatus switch
    {
        "LN" => null,
        "EX" => "expired",
        "RJ" => "rejected",
        "CR" or "GC" or "UA" or "SA" or "GA" => error switch
        {
            null or "" => "incomplete",
            "UserCancelledSession" => "user_cancelled",
            "UserSessionRejected" or "SSNVerificationFailed" => "rejected",
            "RequisitionLinkReused" or "ConsentLinkReused" => "incomplete",
            _ => "provider_error",
        },
        _ => "provider_error",
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 3020, Level = LogLevel.Warning, Message = "Callback could not read the requisition from GoCardless: {Failure} (HTTP {Status})")]
        public static partial void ProviderFailed(ILogger logger, string failure, int? status);

        [LoggerMessage(EventId = 3021, Level = LogLevel.Error, Message = "Callback failed unexpectedly (correlation id {CorrelationId})")]
        public static partial void InternalFailure(ILogger logger, Exception exception, string correlationId);
    }
}
