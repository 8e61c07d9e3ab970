using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Einthoven.Server.Accounts;

public enum FailureOutcome { Counted, AddressLocked, AccountLocked }

/// <summary>
/// Failed sign-ins counted per (e-mail, client address), in memory: after <see cref="LockoutOptions.FailuresPerAddress"/>
/// failures that address is locked out of that e-mail for <see cref="LockoutOptions.Duration"/>, and nobody else is; once
/// <see cref="LockoutOptions.AddressesPerAccount"/> distinct addresses were locked out of one existing account within the
/// duration, the caller locks the account itself (a distributed brute force, visible to the admin). Unknown e-mails are
/// counted alike, so the answers do not tell which accounts exist.
/// </summary>
public sealed class SignInThrottle(IOptions<ServerOptions> options, TimeProvider time)
{
    private sealed class Pair
    {
        public int Failures;
        public DateTimeOffset Since;
        public DateTimeOffset? LockedUntil;
    }

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Email, string Address), Pair> _pairs = new();
    private readonly Dictionary<string, Dictionary<string, DateTimeOffset>> _lockedAddresses = new();
    private LockoutOptions Policy => options.Value.Lockout;

    public bool IsLocked(string email, IPAddress? address)
    {
        lock (_gate)
            return _pairs.TryGetValue((email, AddressKey(address)), out var pair) && pair.LockedUntil > time.GetUtcNow();
    }

    public FailureOutcome RecordFailure(string email, IPAddress? address)
    {
        var now = time.GetUtcNow();
        var key = AddressKey(address);
        lock (_gate)
        {
            Prune(now);
            if (!_pairs.TryGetValue((email, key), out var pair) || now - pair.Since > Policy.Duration)
                _pairs[(email, key)] = pair = new Pair { Since = now };
            if (++pair.Failures < Policy.FailuresPerAddress) return FailureOutcome.Counted;
            pair.LockedUntil = now + Policy.Duration;
            if (!_lockedAddresses.TryGetValue(email, out var locked)) _lockedAddresses[email] = locked = new();
            foreach (var stale in locked.Where(a => now - a.Value > Policy.Duration).Select(a => a.Key).ToList()) locked.Remove(stale);
            locked[key] = now;
            if (locked.Count < Policy.AddressesPerAccount) return FailureOutcome.AddressLocked;
            _lockedAddresses.Remove(email);
            return FailureOutcome.AccountLocked;
        }
    }

    public void RecordSuccess(string email, IPAddress? address)
    {
        lock (_gate) _pairs.Remove((email, AddressKey(address)));
    }

    /// <summary>An admin's unlock lifts every address's lockout of this e-mail too.</summary>
    public void Forget(string email)
    {
        lock (_gate)
        {
            foreach (var key in _pairs.Keys.Where(k => k.Email == email).ToList()) _pairs.Remove(key);
            _lockedAddresses.Remove(email);
        }
    }

    /// <summary>The address as one client: IPv4 as it is, IPv6 by its /64 prefix (one host usually holds a whole /64).</summary>
    public static string AddressKey(IPAddress? address)
    {
        if (address is null) return "local";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private void Prune(DateTimeOffset now)
    {
        if (_pairs.Count < 10_000) return;
        foreach (var (key, pair) in _pairs.Where(p => now - p.Value.Since > Policy.Duration && !(p.Value.LockedUntil > now)).ToList())
            _pairs.Remove(key);
        foreach (var (email, locked) in _lockedAddresses.ToList())
        {
            foreach (var address in locked.Where(a => now - a.Value > Policy.Duration).Select(a => a.Key).ToList()) locked.Remove(address);
            if (locked.Count == 0) _lockedAddresses.Remove(email);
        }
    }
}
