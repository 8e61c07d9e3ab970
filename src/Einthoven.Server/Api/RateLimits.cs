using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Einthoven.Server.Api;

/// <summary>
/// Per-client fixed-window limits on the endpoints that check secrets (sign-in, access keys), and per-user ones on the
/// pacemaker service (<see cref="Predict"/>) the open risk calculator (<see cref="Risk"/>) and the paper-ECG digitiser (<see cref="Digitize"/>); the former spends a core's milliseconds on every request. The client is the
/// connection's address, or the one a known proxy forwarded (<see cref="Proxies"/>).
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Keys = "keys";
    public const string Predict = "predict";
    public const string Risk = "risk";
    public const string Digitize = "digitize";

    public static IServiceCollection AddEinthovenRateLimits(this IServiceCollection services, ServerOptions options) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(SignIn, context => PerClient(context, options.SignInPermitsPerMinute));
            limiter.AddPolicy(Keys, context => PerClient(context, options.KeyPermitsPerMinute));
            limiter.AddPolicy(Predict, context => PerUser(context, options.PredictPermitsPerMinute));
            limiter.AddPolicy(Risk, context => PerUser(context, options.RiskPermitsPerMinute));
            limiter.AddPolicy(Digitize, context => PerUser(context, options.DigitizePermitsPerMinute));
            limiter.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await new Localization.LocalizedProblem(429, "too many requests", "too many requests from this address or account; wait a minute")
                    .ExecuteAsync(context.HttpContext);
            };
        });

    /// <summary>Per signed-in user (whatever token or session they use), else per client address.</summary>
    private static RateLimitPartition<string> PerUser(HttpContext context, int permits) =>
        context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { } user
            ? RateLimitPartition.GetFixedWindowLimiter("user:" + user, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
            : PerClient(context, permits);

    private static RateLimitPartition<string> PerClient(HttpContext context, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(Accounts.SignInThrottle.AddressKey(context.Connection.RemoteIpAddress),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
