using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace PersonalFinance.Api.Http;

/// ProblemDetails results with the human <c>detail</c> every client reads.
internal static class ApiProblems
{
    public static ProblemHttpResult Problem(int status, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: ReasonPhrases.GetReasonPhrase(status));

    public static ProblemHttpResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, detail);
    public static ProblemHttpResult Unauthorized(string detail) => Problem(StatusCodes.Status401Unauthorized, detail);
    public static ProblemHttpResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, detail);
    public static ProblemHttpResult Conflict(string detail) => Problem(StatusCodes.Status409Conflict, detail);
    public static ProblemHttpResult Locked(string detail) => Problem(StatusCodes.Status423Locked, detail);

    public static ValidationProblem Validation(string field, string message) =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [message] },
            detail: message,
            title: "One or more validation errors occurred.");
}
