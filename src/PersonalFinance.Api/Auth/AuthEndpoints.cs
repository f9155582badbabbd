using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalFinance.Api.Data;
using PersonalFinance.Api.Http;

namespace PersonalFinance.Api.Auth;

internal static partial class AuthEndpoints
{
    public static RouteGroupBuilder MapAuth(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/auth").WithTags("Auth");
        group.MapPost("/login", LoginAsync).RequireRateLimiting(RateLimitPolicies.Auth);
        group.MapPost("/refresh", RefreshAsync).RequireRateLimiting(RateLimitPolicies.Auth);
        group.MapPost("/logout", LogoutAsync);
        group.MapGet("/me", MeAsync).RequireAuthorization();
        // The admin token is checked before the body is validated (the framework's validation would answer 422 first).
        group.MapPost("/register", RegisterAsync).RequireRateLimiting(RateLimitPolicies.Auth)
            .DisableValidation().AddEndpointFilter(RequireAdminTokenThenValidateAsync);
        return group;
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> LoginAsync(
        LoginRequest request,
        HttpContext context,
        AppDbContext db,
        PasswordHashing hashing,
        LoginThrottling throttling,
        [AsParameters] TokenIssuers issuers,
        ILogger<LoginRequest> logger,
        CancellationToken cancellationToken)
    {
        var username = UserAccounts.Normalize(request.Username);
        var clientIp = context.Connection.RemoteIpAddress?.ToString();
        if (await throttling.LockedUntilAsync(username, cancellationToken) is not null)
        {
            Log.LoginLocked(logger, clientIp);
            return ApiProblems.Locked("Too many failed sign-in attempts. This account is locked for 30 minutes.");
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Username == username, cancellationToken);
        var verification = await hashing.VerifyAsync(user, request.Password, cancellationToken);
        if (user is null || verification == PasswordVerificationResult.Failed)
        {
            await throttling.RecordFailureAsync(username, cancellationToken);
            Log.LoginFailed(logger, user?.Id, clientIp);
            return ApiProblems.Unauthorized("Invalid credentials");
        }

        await throttling.ResetAsync(username, cancellationToken);
        if (verification == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = await hashing.HashAsync(user, request.Password, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(await StartSessionAsync(context, user.Id, issuers, cancellationToken));
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> RefreshAsync(
        HttpContext context,
        RefreshTokenService refreshTokens,
        AccessTokenIssuer accessTokens,
        ILogger<RefreshTokenService> logger,
        CancellationToken cancellationToken)
    {
        var clientIp = context.Connection.RemoteIpAddress?.ToString();
        var result = await refreshTokens.RotateAsync(RefreshCookie.Read(context), UserAgent(context), clientIp, cancellationToken);
        switch (result.Outcome)
        {
            case RefreshOutcome.Rotated:
                RefreshCookie.Write(context, result.NewToken!, result.ExpiresAt!.Value);
                return TypedResults.Ok(new TokenResponse(accessTokens.Issue(result.UserId!.Value), accessTokens.LifetimeSeconds));
            case RefreshOutcome.Missing:
                return ApiProblems.Unauthorized("Refresh token required");
            case RefreshOutcome.Invalid:
                Log.RefreshRejected(logger, null, clientIp, "unknown token");
                return ApiProblems.Unauthorized("Invalid refresh token");
            case RefreshOutcome.Expired:
                Log.RefreshRejected(logger, result.UserId, clientIp, "expired token");
                RefreshCookie.Clear(context);
                return ApiProblems.Unauthorized("Refresh token expired");
            case RefreshOutcome.ReuseDetected:
                Log.RefreshReuse(logger, result.UserId, clientIp);
                RefreshCookie.Clear(context);
                return ApiProblems.Unauthorized("Token has been revoked");
            case RefreshOutcome.Revoked:
                Log.RefreshRejected(logger, result.UserId, clientIp, "revoked token");
                RefreshCookie.Clear(context);
                return ApiProblems.Unauthorized("Token has been revoked");
            default:
                throw new InvalidOperationException($"Unhandled refresh outcome {result.Outcome}.");
        }
    }

    private static async Task<Ok<LogoutResponse>> LogoutAsync(HttpContext context, RefreshTokenService refreshTokens, CancellationToken cancellationToken)
    {
        await refreshTokens.RevokeAsync(RefreshCookie.Read(context), cancellationToken);
        RefreshCookie.Clear(context);
        return TypedResults.Ok(new LogoutResponse(true));
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> MeAsync(AppDbContext db, CurrentUser currentUser, CancellationToken cancellationToken)
    {
        var userId = currentUser.Id;
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        return user is null ? ApiProblems.Unauthorized("Invalid or expired token") : TypedResults.Ok(UserResponse.From(user));
    }

    private static async Task<Results<Created<UserResponse>, ProblemHttpResult>> RegisterAsync(
        RegisterRequest request,
        UserAccounts users,
        CancellationToken cancellationToken)
    {
        var user = await users.CreateAsync(request.Username, request.Password, request.FirstName, request.LastName, cancellationToken);
        return user is null
            ? ApiProblems.Conflict("Username already exists")
            : TypedResults.Created($"/auth/users/{user.Id}", UserResponse.From(user));
    }

    private static async Task<TokenResponse> StartSessionAsync(HttpContext context, Guid userId, TokenIssuers issuers, CancellationToken cancellationToken)
    {
        var (refreshToken, expiresAt) = await issuers.RefreshTokens.IssueForLoginAsync(
            userId, UserAgent(context), context.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        RefreshCookie.Write(context, refreshToken, expiresAt);
        return new TokenResponse(issuers.AccessTokens.Issue(userId), issuers.AccessTokens.LifetimeSeconds);
    }

    private static async ValueTask<object?> RequireAdminTokenThenValidateAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var services = context.RequestServices;
        if (!AdminToken.IsPresentedBy(context, services.GetRequiredService<IOptions<AuthOptions>>().Value.AdminToken))
        {
            Log.RegisterDenied(services.GetRequiredService<ILogger<RegisterRequest>>(), context.Connection.RemoteIpAddress?.ToString());
            return ApiProblems.Unauthorized("A valid admin token is required to register users.");
        }

        var request = invocation.GetArgument<RegisterRequest>(0);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(request, new ValidationContext(request, services, null), results, validateAllProperties: true))
        {
            return TypedResults.ValidationProblem(results
                .SelectMany(r => r.MemberNames.DefaultIfEmpty("request"), (r, member) => (Member: member, Message: r.ErrorMessage ?? "Invalid value."))
                .GroupBy(e => e.Member)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
        }

        return await next(invocation);
    }

    private static string? UserAgent(HttpContext context) => context.Request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua : null;

    internal sealed class TokenIssuers(RefreshTokenService refreshTokens, AccessTokenIssuer accessTokens)
    {
        public RefreshTokenService RefreshTokens => refreshTokens;
        public AccessTokenIssuer AccessTokens => accessTokens;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Sign-in failed for user {UserId} from {ClientIp}")]
        public static partial void LoginFailed(ILogger logger, Guid? userId, string? clientIp);

        [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Sign-in refused for a locked name from {ClientIp}")]
        public static partial void LoginLocked(ILogger logger, string? clientIp);

        [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Refresh token reuse detected for user {UserId} from {ClientIp}; the token family was revoked")]
        public static partial void RefreshReuse(ILogger logger, Guid? userId, string? clientIp);

        [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Refresh refused for user {UserId} from {ClientIp}: {Reason}")]
        public static partial void RefreshRejected(ILogger logger, Guid? userId, string? clientIp, string reason);

        [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Registration refused from {ClientIp}: missing or wrong admin token")]
        public static partial void RegisterDenied(ILogger logger, string? clientIp);
    }
}
