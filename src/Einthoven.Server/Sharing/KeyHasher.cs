using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Einthoven.Server.Sharing;

/// <summary>
/// Access keys: random, typed by a person (five groups of four characters). The first group is the key's public
/// identifier, the other four (80 bits) its secret; the whole key is stored as salted PBKDF2-HMAC-SHA256 so that a
/// stolen database does not give it away.
/// </summary>
public class KeyHasher(IOptions<ServerOptions> options)
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I
    private const int Groups = 5, GroupLength = 4;

    public static string NewKey()
    {
        var chars = new char[Groups * GroupLength];
        for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return string.Join('-', Enumerable.Range(0, Groups).Select(g => new string(chars, g * GroupLength, GroupLength)));
    }

    /// <summary>The key as typed, without separators or case.</summary>
    public static string Normalize(string key) => new(key.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    /// <summary>The public identifier of a key as typed (its first group), or null when it does not have the shape of a key.</summary>
    public static string? IdentifierOf(string? key)
    {
        var normalized = Normalize(key ?? "");
        return normalized.Length == Groups * GroupLength && normalized.All(Alphabet.Contains) ? normalized[..GroupLength] : null;
    }

    public string Hash(string key)
    {
        var iterations = options.Value.KeyHashIterations;
        var salt = RandomNumberGenerator.GetBytes(16);
        return $"pbkdf2-sha256${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(Derive(key, salt, iterations, 32))}";
    }

    /// <summary>
    /// True when <paramref name="key"/> is the one hashed in <paramref name="stored"/>. Without a stored hash (no such
    /// key) it still derives one hash of the configured cost, so that the answer takes as long either way.
    /// </summary>
    public virtual bool Verify(string key, string? stored)
    {
        var parts = stored?.Split('$');
        if (parts is not { Length: 4 } || parts[0] != "pbkdf2-sha256" || !int.TryParse(parts[1], out var iterations) || iterations <= 0)
        {
            Derive(key, RandomNumberGenerator.GetBytes(16), options.Value.KeyHashIterations, 32);
            return false;
        }
        var expected = Convert.FromBase64String(parts[3]);
        return CryptographicOperations.FixedTimeEquals(Derive(key, Convert.FromBase64String(parts[2]), iterations, expected.Length), expected);
    }

    private static byte[] Derive(string key, byte[] salt, int iterations, int length) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(Normalize(key)), salt, iterations, HashAlgorithmName.SHA256, length);
}
