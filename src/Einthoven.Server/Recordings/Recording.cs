namespace Einthoven.Server.Recordings;

/// <summary>One stored ECG recording of a patient. Samples live in <see cref="Storage.SampleChunk"/> rows.</summary>
public sealed class Recording
{
    public Guid Id { get; set; }
    public Guid PatientId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Start of the recording (from the file when it says, else the upload time), UTC.</summary>
    public DateTime RecordedAt { get; set; }
    public DateTime UploadedAt { get; set; }
    /// <summary>The format it was uploaded in (wfdb, edf, csv, apple-health, synthetic), used for "original" downloads.</summary>
    public string OriginalFormat { get; set; } = "";
    public string OriginalFileName { get; set; } = "";
    public double SamplingFrequency { get; set; }
    public long SampleCount { get; set; }
    public int LeadCount { get; set; }
    /// <summary>The record's description (leads, calibration, metadata, comments) as JSON.</summary>
    public string InfoJson { get; set; } = "";
    /// <summary>Bytes of compressed sample data, for the storage report.</summary>
    public long StoredBytes { get; set; }
    /// <summary>
    /// True while an upload is still writing its samples: such a recording is hidden from every query (a global
    /// filter in <see cref="Storage.AppDb"/>), and removed if the import fails or the server stops before it ends.
    /// </summary>
    public bool Importing { get; set; }
    /// <summary>
    /// For a recording digitised from a photo of a paper ECG: what the digitiser found (confidence, layout, leads) as
    /// JSON (<see cref="DigitizedSummary"/>), else null. The photo itself is kept in <see cref="RecordingPhoto"/>.
    /// </summary>
    public string? DigitizedJson { get; set; }
}

/// <summary>The photo a recording was digitised from, as uploaded (encrypted at rest like the samples).</summary>
public sealed class RecordingPhoto
{
    public Guid RecordingId { get; set; }
    public string ContentType { get; set; } = "";
    public byte[] Data { get; set; } = [];
}
