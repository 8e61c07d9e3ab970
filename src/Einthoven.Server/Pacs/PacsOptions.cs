namespace Einthoven.Server.Pacs;

/// <summary>
/// The hospital PACS that doctors send ECGs to and import them from, over DICOMweb (settings Einthoven:Pacs:*). With
/// no <see cref="DicomWebUrl"/> the feature is off and its endpoints answer 409.
/// </summary>
public sealed class PacsOptions
{
    /// <summary>The PACS's name as users see it ("Radiology Orthanc").</summary>
    public string Name { get; set; } = "PACS";
    /// <summary>The DICOMweb root, e.g. http://pacs.hospital.local:8042/dicom-web (STOW-RS, QIDO-RS and WADO-RS below it).</summary>
    public string? DicomWebUrl { get; set; }
    /// <summary>HTTP basic authentication, when the PACS asks for it.</summary>
    public string? Username { get; set; }
    public string? Password { get; set; }
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
    /// <summary>The largest DICOM file accepted from the PACS, in bytes.</summary>
    public long MaxInstanceBytes { get; set; } = 64L * 1024 * 1024;
    /// <summary>The most instances one search returns.</summary>
    public int MaxSearchResults { get; set; } = 100;

    public bool Configured => !string.IsNullOrWhiteSpace(DicomWebUrl);
}
