namespace Einthoven.Signal.Formats.Dicom;

/// <summary>
/// Identity of a DICOM waveform instance. Each value left null comes from the record's metadata (patient id and
/// name; the study and series UIDs a record read from DICOM keeps, see <see cref="DicomMetadataKeys"/>) or, for
/// UIDs, is made fresh (a 2.25 UUID-derived UID).
/// </summary>
public sealed record DicomWriteOptions
{
    public string? PatientId { get; init; }
    public string? PatientName { get; init; }
    public string? StudyInstanceUid { get; init; }
    public string? SeriesInstanceUid { get; init; }
    public string? SopInstanceUid { get; init; }
    /// <summary>The IOD to write; by default the first that fits of 12-lead, ambulatory, general (see <see cref="DicomIodSpec.All"/>).</summary>
    public DicomEcgIod? Iod { get; init; }
    /// <summary>When the instance is created (Content Date and Time); now by default.</summary>
    public DateTime? ContentDateTime { get; init; }

    /// <summary>A new UID under the 2.25 root (PS3.5 B.2): the decimal form of a random UUID.</summary>
    public static string NewUid() => "2.25." + new System.Numerics.BigInteger(Guid.NewGuid().ToByteArray(), isUnsigned: true);
}

/// <summary>Metadata keys a record read from DICOM carries (shown by <c>einthoven info</c>; the UIDs are reused when it is written back).</summary>
public static class DicomMetadataKeys
{
    public const string SopClass = "dicom_sop_class";
    public const string SopInstanceUid = "dicom_sop_instance_uid";
    public const string StudyInstanceUid = "dicom_study_uid";
    public const string SeriesInstanceUid = "dicom_series_uid";
    public const string TransferSyntax = "dicom_transfer_syntax";
    /// <summary>Every multiplex group: label, channels, samples, rate, and whether it was read.</summary>
    public const string MultiplexGroups = "dicom_multiplex_groups";
}
