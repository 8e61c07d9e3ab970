using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Einthoven.Server.Storage.AtRest;

/// <summary>
/// Encrypts health data before it reaches the database: sample chunks, envelopes, annotation sets, photos of paper ECGs, the analysis
/// summary and the record's description (header notes and patient metadata). It uses the data-protection key ring
/// (AES-256-CBC + HMAC-SHA256 with a random IV, keys rotated every 90 days and kept for reading), so a copy of the
/// database alone reveals no signal and no note. The EF model applies it through value converters, so no storage
/// code has to remember it.
/// </summary>
public sealed class AtRestProtection(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Einthoven.AtRest.HealthData.v1");

    /// <summary>Tells models built for different key rings apart (several servers in one test process).</summary>
    public Guid Id { get; } = Guid.NewGuid();

    public byte[] Protect(byte[] plain) => _protector.Protect(plain);

    /// <summary>The plain bytes; a value without the key ring's header was stored before encryption and is returned as it is.</summary>
    public byte[] Unprotect(byte[] stored) => stored.AsSpan().StartsWith(Magic) ? _protector.Unprotect(stored) : stored;

    public string Protect(string plain) => Convert.ToBase64String(_protector.Protect(Encoding.UTF8.GetBytes(plain)));

    public string Unprotect(string stored) =>
        stored.StartsWith(MagicBase64, StringComparison.Ordinal) ? Encoding.UTF8.GetString(_protector.Unprotect(Convert.FromBase64String(stored))) : stored;

    // Every data-protection payload starts with this header (version 0x09F0C9F0), "CfDJ8" in base64.
    private static ReadOnlySpan<byte> Magic => [0x09, 0xF0, 0xC9, 0xF0];
    private const string MagicBase64 = "CfDJ8";

    public ValueConverter<byte[], byte[]> Bytes => new(v => Protect(v), v => Unprotect(v));

    /// <summary>Byte arrays are compared by content (length first, which settles nearly every difference cheaply).</summary>
    public static readonly ValueComparer<byte[]> ByContent = new((a, b) => SameContent(a, b), v => v.Length, v => v.ToArray());

    private static bool SameContent(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

    public ValueConverter<string, string> Text => new(v => Protect(v), v => Unprotect(v));

    /// <summary>A protection with a throw-away key ring, for `dotnet ef` at design time (it never touches data).</summary>
    public static AtRestProtection Ephemeral() => new(new EphemeralDataProtectionProvider());
}
