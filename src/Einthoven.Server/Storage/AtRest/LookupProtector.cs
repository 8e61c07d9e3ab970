using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace Einthoven.Server.Storage.AtRest;

/// <summary>
/// Identity's protector for personal data (e-mail, user name, display name). It must be deterministic, because
/// accounts are looked up by their protected normalised e-mail: AES-256-CBC with a synthetic IV, the first 16 bytes
/// of HMAC-SHA256 of the plaintext (SIV construction), so equal inputs give equal outputs and nothing else leaks.
/// </summary>
public sealed class LookupProtector(LookupKeyRing keys) : ILookupProtector
{
    public string? Protect(string keyId, string? data)
    {
        if (data is null) return null;
        var (encryption, mac) = keys.Material(keyId);
        var plain = Encoding.UTF8.GetBytes(data);
        var iv = HMACSHA256.HashData(mac, plain).AsSpan(0, 16).ToArray();
        using var aes = Aes.Create();
        aes.Key = encryption;
        var cipher = aes.EncryptCbc(plain, iv);
        return Convert.ToBase64String([.. iv, .. cipher]);
    }

    public string? Unprotect(string keyId, string? data)
    {
        if (data is null) return null;
        var (encryption, mac) = keys.Material(keyId);
        var bytes = Convert.FromBase64String(data);
        if (bytes.Length < 32) throw new CryptographicException("protected personal data is too short");
        using var aes = Aes.Create();
        aes.Key = encryption;
        var plain = aes.DecryptCbc(bytes.AsSpan(16), bytes.AsSpan(0, 16));
        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(mac, plain).AsSpan(0, 16), bytes.AsSpan(0, 16)))
            throw new CryptographicException("protected personal data failed its integrity check");
        return Encoding.UTF8.GetString(plain);
    }
}
