using System.Security.Cryptography;
using System.Text;
using Einthoven.Server.Storage.AtRest;
using Microsoft.AspNetCore.DataProtection;

namespace Einthoven.Server.ContinuousLearning;

/// <summary>
/// The secret behind the research pseudonyms and the patient-wise holdout: 256 random bits made once in
/// <c>keys/research-key.json</c>, wrapped by the data-protection key ring, and never rotated, so that a patient keeps
/// their pseudonym and their side of the holdout forever. Without the key a pseudonym cannot be linked to a patient.
/// </summary>
public sealed class PseudonymKey
{
    private readonly byte[] _secret;

    public PseudonymKey(string file, IDataProtectionProvider provider)
    {
        var protector = provider.CreateProtector("Einthoven.Research.Pseudonyms.v1");
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var wrapped = Convert.ToBase64String(protector.Protect(RandomNumberGenerator.GetBytes(32)));
            try
            {
                using (var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write)) stream.Write(Encoding.ASCII.GetBytes(wrapped));
                FileModes.Private(file);
            }
            catch (IOException) when (File.Exists(file)) { } // made meanwhile by another server process: use that one
        }
        _secret = protector.Unprotect(Convert.FromBase64String(File.ReadAllText(file).Trim()));
    }

    /// <summary>A patient's pseudonym in datasets: "p" and 10 hexadecimal digits.</summary>
    public string Group(Guid patientId) => "p" + Hex(Mac("group", patientId))[..10];

    /// <summary>A recording's record name in datasets: "r" and 12 hexadecimal digits.</summary>
    public string RecordName(Guid recordingId) => "r" + Hex(Mac("record", recordingId))[..12];

    /// <summary>Whether the patient's verified recordings belong to the holdout: a keyed hash of the patient, uniform in [0, 1), below <paramref name="fraction"/>.</summary>
    public bool InHoldout(Guid patientId, double fraction) =>
        BitConverter.ToUInt64(Mac("holdout", patientId), 0) / 18446744073709551616.0 < fraction;

    private byte[] Mac(string purpose, Guid id) => HMACSHA256.HashData(_secret, Encoding.ASCII.GetBytes($"{purpose}:{id:N}"));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
