namespace Einthoven.Server.Storage.AtRest;

/// <summary>Settings under "Einthoven:AtRest": who protects the keys that encrypt health and personal data.</summary>
public sealed class AtRestOptions
{
    /// <summary>
    /// PKCS#12 (.pfx) certificate whose key encrypts the data-protection key ring. Required in Production; keep it
    /// outside the data folder (and out of its backups).
    /// </summary>
    public string? CertificatePath { get; set; }
    public string? CertificatePassword { get; set; }
    /// <summary>Certificates used before a rotation, still needed to read keys they protected.</summary>
    public List<string> PreviousCertificatePaths { get; set; } = [];
    /// <summary>Age after which a new key for protected personal data (e-mail, names) is made at start.</summary>
    public TimeSpan LookupKeyLifetime { get; set; } = TimeSpan.FromDays(365);
}
