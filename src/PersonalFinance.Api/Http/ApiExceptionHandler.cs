using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace PersonalFinance.Api.Http;

/// Maps the few exceptions we expose to a status and a stable answer; anything else is a generic 500 with a trace id.
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problemDetails, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                Create(StatusCodes.Status413PayloadTooLarge, "The request body is too large (the limit is 1 MiB)."),
            BadHttpRequestException bad => BadRequestAsValidation(bad),
            DbUpdateConcurrencyException =>
                Create(StatusCodes.Status409Conflict, "This item was changed by someone else at the same time. Reload it and try again."),
            _ when IsDatabaseUnavailable(exception) =>
                Create(StatusCodes.Status503ServiceUnavailable, "The database is unavailable right now. Please try again shortly."),
            _ => null,
        };

        if (problem is null)
        {
            Log.Unhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            problem = Create(StatusCodes.Status500InternalServerError, "An unexpected error occurred. Please try again; if it persists, contact support with the trace id.");
        }
        else if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            Log.DatabaseUnavailable(logger, exception.GetType().Name);
            httpContext.Response.Headers.RetryAfter = "5";
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Create(int status, string detail) => new()
    {
        Status = status,
        Title = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
        Detail = detail,
    };

    /// Binding failures (malformed ids, bad JSON, wrong types) are the client's to fix: 422 as the API contract requires.
    private static HttpValidationProblemDetails BadRequestAsValidation(BadHttpRequestException exception)
    {
        var detail = exception.InnerException is System.Text.Json.JsonException
            ? "The request body is not valid JSON for this endpoint."
            : exception.Message.Replace("Failed to bind parameter", "Invalid value for parameter", StringComparison.Ordinal);
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["request"] = [detail] })
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "One or more validation errors occurred.",
            Detail = detail,
        };
    }

    private static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException or TimeoutException
                || current is InvalidOperationException { Source: "Npgsql" }
                || current.GetType().Name is "NpgsqlException" or "PostgresException" or "RetryLimitExceededException")
            {
                return true;
            }
        }

        return false;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9001, Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
        public static partial void Unhandled(ILogger logger, Exception exception, string method, PathString path);

        [LoggerMessage(EventId = 9002, Level = LogLevel.Error, Message = "Database unavailable: {ExceptionType}")]
        public static partial void DatabaseUnavailable(ILogger logger, string exceptionType);
    }
}
