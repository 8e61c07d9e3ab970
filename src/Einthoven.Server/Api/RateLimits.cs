using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Einthoven.Server.Api;

/// <summary>
/// Per-client fixed-window limits on the endpoints that check secrets (sign-in, access keys). The client is the
/// connection's address, or the one a known proxy forwarded (<see cref="Proxies"/>).
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Keys = "keys";

    public static IServiceCollection AddEinthovenRateLimits(this IServiceCollection services, ServerOptions options) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(SignIn, context => PerClient(context, options.SignInPermitsPerMinute));
            limiter.AddPolicy(Keys, context => PerClient(context, options.KeyPermitsPerMinute));
            limiter.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await Results.Problem(statusCode: 429, title: "too many requests", detail: "too many attempts from this address; wait a minute")
                    .ExecuteAsync(context.HttpContext);
            };
        });

    private static RateLimitPartition<string> PerClient(HttpContext context, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(Accounts.SignInThrottle.AddressKey(context.Connection.RemoteIpAddress),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
