namespace Einthoven.Signal.Formats.Csv;

/// <summary>Metadata keys for the Apple Health ECG export fields that have no common key.</summary>
public static class AppleHealthMetadataKeys
{
    /// <summary>The watch's rhythm classification ("Sinus Rhythm", "Atrial Fibrillation", "Inconclusive", ...).</summary>
    public const string Classification = "classification";
    public const string Symptoms = "symptoms";
    public const string SoftwareVersion = "software_version";
    /// <summary>The "Recorded Date" exactly as exported, with its UTC offset.</summary>
    public const string RecordedDate = "recorded_date";
}
