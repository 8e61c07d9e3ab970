using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Einthoven.Server.Storage.AtRest;

/// <summary>
/// The keys of <see cref="LookupProtector"/>: random 512-bit secrets in <c>keys/lookup-keys.json</c> in the data
/// folder, each wrapped by the data-protection key ring (itself protected by the operator's certificate in
/// Production). The newest key protects new values; older ones stay so that accounts written with them are still
/// found. A new key is added when the newest is older than <see cref="AtRestOptions.LookupKeyLifetime"/>.
/// </summary>
public sealed class LookupKeyRing : ILookupProtectorKeyRing
{
    private sealed record StoredKey(string Id, DateTime CreatedAt, string Wrapped);

    private readonly Dictionary<string, (byte[] Encryption, byte[] Mac)> _keys = new();

    public LookupKeyRing(string file, IDataProtectionProvider provider, TimeSpan lifetime, TimeProvider time)
    {
        var protector = provider.CreateProtector("Einthoven.AtRest.LookupKeys.v1");
        var stored = File.Exists(file) ? JsonSerializer.Deserialize<List<StoredKey>>(File.ReadAllText(file)) ?? [] : [];
        var now = time.GetUtcNow().UtcDateTime;
        if (stored.Count == 0 || stored.Max(k => k.CreatedAt) + lifetime <= now)
        {
            var secret = RandomNumberGenerator.GetBytes(64);
            stored.Add(new StoredKey(Guid.NewGuid().ToString("N"), now, Convert.ToBase64String(protector.Protect(secret))));
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, JsonSerializer.Serialize(stored));
            FileModes.Private(file);
        }
        foreach (var key in stored)
        {
            var secret = protector.Unprotect(Convert.FromBase64String(key.Wrapped));
            _keys[key.Id] = (secret[..32], secret[32..]);
        }
        CurrentKeyId = stored.MaxBy(k => k.CreatedAt)!.Id;
    }

    public string CurrentKeyId { get; }

    public string this[string keyId] => _keys.ContainsKey(keyId) ? keyId : throw new CryptographicException($"unknown lookup key {keyId}");

    public IEnumerable<string> GetAllKeyIds() => _keys.Keys;

    public (byte[] Encryption, byte[] Mac) Material(string keyId) =>
        _keys.TryGetValue(keyId, out var k) ? k : throw new CryptographicException($"unknown lookup key {keyId}");
}
