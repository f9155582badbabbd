
namespace PersonalFinance.Api.Http;

internal static class ProblemDetailsSetup
{
    public static IServiceCollection AddApiProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            // The framework's validation answers 400; the API contract (and its existing clients) expect 422.
            if (problem is Microsoft.AspNetCore.Http.HttpValidationProblemDetails && problem.Status == StatusCodes.Status400BadRequest)
            {
                problem.Status = StatusCodes.Status422UnprocessableEntity;
                context.HttpContext.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            }

            if (problem is Microsoft.AspNetCore.Http.HttpValidationProblemDetails fields)
            {
                problem.Type = "https://tools.ietf.org/html/rfc9110#section-15.5.21";
                problem.Title = "One or more validation errors occurred.";
                // Field names in errors use the same snake_case as the JSON bodies.
                foreach (var key in fields.Errors.Keys.ToList())
                {
                    var snake = System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(key);
                    if (snake != key)
                    {
                        fields.Errors[snake] = fields.Errors[key];
                        fields.Errors.Remove(key);
                    }
                }
            }

            if (problem is Microsoft.AspNetCore.Http.HttpValidationProblemDetails validation && string.IsNullOrEmpty(problem.Detail))
            {
                problem.Detail = string.Join(" ", validation.Errors.SelectMany(e => e.Value).Distinct());
            }

            problem.Status ??= context.HttpContext.Response.StatusCode;
            problem.Detail ??= DefaultDetail(problem.Status.Value);
            problem.Instance = null;
            // Exception details never leave the process outside Development.
            problem.Extensions.Remove("exception");
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        return services;
    }

    private static string DefaultDetail(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "Not authenticated",
        StatusCodes.Status403Forbidden => "You do not have access to this resource.",
        StatusCodes.Status404NotFound => "The requested resource was not found.",
        StatusCodes.Status405MethodNotAllowed => "This method is not allowed on this resource.",
        StatusCodes.Status413PayloadTooLarge => "The request body is too large (the limit is 1 MiB).",
        StatusCodes.Status415UnsupportedMediaType => "Send the request body as application/json.",
        StatusCodes.Status429TooManyRequests => "Too many requests. Please wait and try again.",
        StatusCodes.Status503ServiceUnavailable => "The service is unavailable right now. Please try again shortly.",
        _ => "The request could not be completed.",
    };
}
