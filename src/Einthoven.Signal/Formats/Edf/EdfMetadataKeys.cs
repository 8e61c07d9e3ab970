namespace Einthoven.Signal.Formats.Edf;

/// <summary>
/// Metadata keys for EDF header text that has no common key: the raw identification fields of a plain EDF file, and
/// the additional subfields EDF+ allows after the standard ones. The EDF writer writes them back.
/// </summary>
public static class EdfMetadataKeys
{
    public const string Patient = "edf_patient";
    public const string Recording = "edf_recording";
    public const string PatientExtra = "edf_patient_extra";
    public const string RecordingExtra = "edf_recording_extra";
}
