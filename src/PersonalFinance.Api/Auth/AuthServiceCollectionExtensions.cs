using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using PersonalFinance.Api.Http;

namespace PersonalFinance.Api.Auth;

internal static partial class AuthServiceCollectionExtensions
{
    public static IServiceCollection AddAppAuth(this IServiceCollection services)
    {
        services.AddOptions<JwtOptions>().BindConfiguration(JwtOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JwtOptions>, JwtOptionsValidator>();
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();

        services.AddSingleton<IPasswordHasher<User>>(sp => new PasswordHasher<User>(Options.Create(new PasswordHasherOptions
        {
            CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
            IterationCount = sp.GetRequiredService<IOptions<AuthOptions>>().Value.PasswordHashIterations,
        })));
        services.AddSingleton<AuthOptionsSnapshot>();
        services.AddSingleton<PasswordHashing>();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddScoped<RefreshTokenService>();
        services.AddScoped<LoginThrottling>();
        services.AddScoped<UserAccounts>();
        services.AddScoped<CurrentUser>();
        services.AddHttpContextAccessor();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>, TimeProvider>((bearer, jwtOptions, timeProvider) => ConfigureBearer(bearer, jwtOptions.Value, timeProvider));
        services.AddAuthorization();
        return services;
    }

    private static void ConfigureBearer(JwtBearerOptions bearer, JwtOptions jwt, TimeProvider timeProvider)
    {
        bearer.MapInboundClaims = false;
        bearer.TimeProvider = timeProvider;
        bearer.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = jwt.Issuer,
            ValidAudience = jwt.Audience,
            IssuerSigningKey = new SymmetricSecurityKey(jwt.SigningKeyBytes),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = jwt.ClockSkew,
            NameClaimType = "sub",
            // Lifetime is checked against the injected clock so tests can move time.
            LifetimeValidator = (notBefore, expires, _, parameters) =>
            {
                var now = timeProvider.GetUtcNow().UtcDateTime;
                return expires is { } exp
                    && exp.ToUniversalTime() + parameters.ClockSkew > now
                    && (notBefore is not { } nbf || nbf.ToUniversalTime() - parameters.ClockSkew <= now);
            },
        };
        bearer.Events = new JwtBearerEvents
        {
            // Only our own surfaces carry our tokens. Other bearer tokens on this host are not ours to judge: the built-in
            // sandbox's, and the admin token on /auth/register (reading it as a JWT would log every registration as rejected).
            OnMessageReceived = context =>
            {
                var path = context.Request.Path;
                if ((!path.StartsWithSegments("/api") && !path.StartsWithSegments("/auth")) || path.StartsWithSegments("/auth/register"))
                {
                    context.NoResult();
                }

                return Task.CompletedTask;
            },
            OnAuthenticationFailed = context =>
            {
                Log.TokenRejected(context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("PersonalFinance.Api.Auth"),
                    context.HttpContext.Connection.RemoteIpAddress?.ToString(), context.Exception.GetType().Name);
                return Task.CompletedTask;
            },
            OnChallenge = async context =>
            {
                context.HandleResponse();
                var detail = context.AuthenticateFailure is null && string.IsNullOrEmpty(context.Request.Headers.Authorization)
                    ? "Not authenticated"
                    : "Invalid or expired token";
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await ApiProblems.Unauthorized(detail).ExecuteAsync(context.HttpContext);
            },
        };
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Access token rejected from {ClientIp}: {Failure}")]
        public static partial void TokenRejected(ILogger logger, string? clientIp, string failure);
    }
}
