using System.Globalization;
using GoCardless.BankAccountData;
using Microsoft.AspNetCore.Http.HttpResults;
using PersonalFinance.Api.Http;

namespace PersonalFinance.Api.GoCardlessStore;

/// How a GoCardless failure during a user's request is explained to that user.
internal static class GoCardlessProblems
{
    public const string UnavailableDetail = "The bank data provider is unavailable. Please try again.";

    public static ProblemHttpResult From(GoCardlessApiException exception, HttpContext context)
    {
        switch (exception)
        {
            case GoCardlessRateLimitedException limited:
                var seconds = Math.Max(1, (int)Math.Ceiling(limited.ResetAfter.TotalSeconds));
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return ApiProblems.Problem(StatusCodes.Status429TooManyRequests,
                    $"The bank data provider is rate-limiting requests. Please try again in {seconds} seconds.");
            case GoCardlessInstitutionException or GoCardlessAuthenticationFailedException or GoCardlessTokenInvalidException:
                return ApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, UnavailableDetail);
            default:
                var summary = string.IsNullOrWhiteSpace(exception.Summary) ? "an unexpected error" : exception.Summary.Trim().TrimEnd('.');
                return ApiProblems.Problem(StatusCodes.Status502BadGateway, $"The bank data provider rejected the request: {summary}.");
        }
    }
}
