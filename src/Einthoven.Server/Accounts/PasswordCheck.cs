using System.Net;
using Microsoft.AspNetCore.Identity;

namespace Einthoven.Server.Accounts;

/// <summary>
/// The e-mail + password check behind cookie sign-in, token sign-in and password change: the lockout policy of
/// <see cref="SignInThrottle"/>, and one password hash for an unknown e-mail as for a known one, so that neither the
/// answer nor its time tells whether an account exists.
/// </summary>
public enum Refusal { None, BadCredentials, AddressLocked, AccountLocked }

public sealed class PasswordCheck(UserManager<AppUser> users, SignInManager<AppUser> signIn, IPasswordHasher<AppUser> hasher, SignInThrottle throttle, TimeProvider time)
{
    private static readonly AppUser Nobody = new();
    private static string? _dummyHash;

    /// <summary>The user, or null and why (<see cref="Problem"/> words the answer).</summary>
    public async Task<(AppUser? User, Refusal Refusal)> CheckAsync(string? email, string? password, IPAddress? address)
    {
        var key = users.NormalizeEmail(email) ?? "";
        if (throttle.IsLocked(key, address)) return (null, Refusal.AddressLocked);
        var user = await users.FindByEmailAsync(email ?? "");
        if (user is null)
        {
            hasher.VerifyHashedPassword(Nobody, _dummyHash ??= hasher.HashPassword(Nobody, "no-such-account"), password ?? "");
            return (null, throttle.RecordFailure(key, address) == FailureOutcome.Counted ? Refusal.BadCredentials : Refusal.AddressLocked);
        }
        var check = await signIn.CheckPasswordSignInAsync(user, password ?? "", lockoutOnFailure: false);
        if (check.IsLockedOut) return (null, Refusal.AccountLocked);
        if (check.Succeeded)
        {
            throttle.RecordSuccess(key, address);
            return (user, Refusal.None);
        }
        switch (throttle.RecordFailure(key, address))
        {
            case FailureOutcome.Counted: return (null, Refusal.BadCredentials);
            case FailureOutcome.AddressLocked: return (null, Refusal.AddressLocked);
            default:
                await users.SetLockoutEndDateAsync(user, time.GetUtcNow() + users.Options.Lockout.DefaultLockoutTimeSpan);
                return (null, Refusal.AccountLocked);
        }
    }

    public static IResult Problem(Refusal refusal) => refusal switch
    {
        Refusal.AddressLocked => Results.Problem(statusCode: 423, title: "sign-in locked",
            detail: "too many failed sign-ins for this account from your address; try again later, or ask an administrator to unlock it"),
        Refusal.AccountLocked => Results.Problem(statusCode: 423, title: "account locked",
            detail: "too many failed sign-ins for this account from many addresses; try again later, or ask an administrator to unlock it"),
        _ => Api.Problems.Unauthorized("wrong e-mail or password"),
    };
}
