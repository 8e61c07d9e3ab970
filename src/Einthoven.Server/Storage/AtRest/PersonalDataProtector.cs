using Microsoft.AspNetCore.Identity;

namespace Einthoven.Server.Storage.AtRest;

/// <summary>
/// Identity's protector for the [ProtectedPersonalData] columns: "keyId:ciphertext" with <see cref="LookupProtector"/>.
/// A value without a known key id was written before encryption at rest and is read as it is (it is encrypted when
/// the account is next saved; <see cref="AtRestUpgrade"/> does that for every account at start).
/// </summary>
public sealed class PersonalDataProtector(LookupKeyRing keys, ILookupProtector protector) : IPersonalDataProtector
{
    public string? Protect(string? data) => data is null ? null : $"{keys.CurrentKeyId}:{protector.Protect(keys.CurrentKeyId, data)}";

    public string? Unprotect(string? data)
    {
        if (data is null) return null;
        var split = data.IndexOf(':');
        return split > 0 && keys.GetAllKeyIds().Contains(data[..split]) ? protector.Unprotect(data[..split], data[(split + 1)..]) : data;
    }
}
