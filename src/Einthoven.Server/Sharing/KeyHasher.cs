using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Einthoven.Server.Sharing;

/// <summary>
/// Access keys: random, typed by a person (five groups of four characters, about 100 bits), stored as salted
/// PBKDF2-HMAC-SHA256 so that a stolen database does not give them away.
/// </summary>
public sealed class KeyHasher(IOptions<ServerOptions> options)
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I

    public static string NewKey()
    {
        var chars = new char[20];
        for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return string.Join('-', Enumerable.Range(0, 5).Select(g => new string(chars, g * 4, 4)));
    }

    /// <summary>The key as typed, without separators or case.</summary>
    public static string Normalize(string key) => new(key.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    public string Hash(string key)
    {
        var iterations = options.Value.KeyHashIterations;
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(Normalize(key)), salt, iterations, HashAlgorithmName.SHA256, 32);
        return $"pbkdf2-sha256${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool Verify(string key, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2-sha256" || !int.TryParse(parts[1], out var iterations)) return false;
        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(Normalize(key)), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
