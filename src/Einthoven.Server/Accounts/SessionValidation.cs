using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Einthoven.Server.Accounts;

/// <summary>
/// Checks a cookie session against the account on every request, so that what ended it ends it at once: a changed
/// security stamp (password change, sign-out everywhere), a lockout, a deleted account. Roles are read afresh, so
/// a role an admin takes away is gone from the next request on.
/// </summary>
public static class SessionValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var stampClaim = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var user = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? await users.FindByIdAsync(id) : null;
        if (user is null || context.Principal!.FindFirstValue(stampClaim) != user.SecurityStamp || await users.IsLockedOutAsync(user))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme); // deletes the stored session
            return;
        }
        var fresh = await services.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(user);
        context.ReplacePrincipal(fresh);
    }
}
