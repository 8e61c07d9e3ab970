using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Einthoven.Server.Storage.AtRest;

/// <summary>
/// The data-protection key ring (cookies, sessions, health data, the personal-data lookup keys) in the data folder's
/// <c>keys/</c>, encrypted with the operator's certificate when one is configured. Production refuses to start
/// without one: keys lying next to the data they protect protect nothing.
/// </summary>
public static class KeyRingSetup
{
    public static void AddAtRestProtection(this WebApplicationBuilder builder, ServerOptions options)
    {
        var settings = options.AtRest;
        var keysFolder = Path.Combine(options.DataFolder, "keys");
        FileModes.PrivateFolder(keysFolder);
        var protection = builder.Services.AddDataProtection().SetApplicationName("Einthoven").PersistKeysToFileSystem(new DirectoryInfo(keysFolder));
        if (settings.CertificatePath is { Length: > 0 } path)
        {
            protection.ProtectKeysWithCertificate(Load(path, settings.CertificatePassword));
            var all = settings.PreviousCertificatePaths.Select(p => Load(p, settings.CertificatePassword)).Prepend(Load(path, settings.CertificatePassword));
            protection.UnprotectKeysWithAnyCertificate(all.ToArray());
        }
        else if (builder.Environment.IsProduction())
            throw new InvalidOperationException(
                "Einthoven:AtRest:CertificatePath is not set. In Production the keys that encrypt health data must be protected " +
                "by a certificate kept outside the data folder; see docs/SECURITY.md (for a local trial, run with ASPNETCORE_ENVIRONMENT=Local).");

        builder.Services.AddSingleton<AtRestProtection>();
        builder.Services.AddSingleton(sp => new LookupKeyRing(Path.Combine(keysFolder, "lookup-keys.json"),
            sp.GetRequiredService<IDataProtectionProvider>(), settings.LookupKeyLifetime, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<ILookupProtectorKeyRing>(sp => sp.GetRequiredService<LookupKeyRing>());
        builder.Services.AddSingleton<ILookupProtector, LookupProtector>();
        builder.Services.AddSingleton<IPersonalDataProtector, PersonalDataProtector>();
    }

    private static X509Certificate2 Load(string path, string? password) =>
        File.Exists(path) ? X509CertificateLoader.LoadPkcs12FromFile(path, password)
            : throw new InvalidOperationException($"Einthoven:AtRest: certificate file {Path.GetFileName(path)} does not exist");
}
