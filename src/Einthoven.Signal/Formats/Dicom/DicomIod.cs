namespace Einthoven.Signal.Formats.Dicom;

/// <summary>The three ECG waveform IODs the writer chooses from.</summary>
public enum DicomEcgIod
{
    TwelveLead,
    General,
    Ambulatory,
}

/// <summary>
/// An ECG waveform IOD with the content constraints of PS3.3 A.34.3-A.34.5 that decide whether a record fits: the
/// channels per multiplex group, the sampling frequency range, the number of multiplex groups and the samples per
/// group (12-lead: 16,384) or recording length (ambulatory: 24 hours).
/// </summary>
internal sealed record DicomIodSpec(DicomEcgIod Kind, string SopClassUid, string Name, int MaxChannels, double MinRate,
    double MaxRate, int MaxGroups, long MaxSamplesPerGroup, double MaxSeconds)
{
    public static readonly DicomIodSpec TwelveLead = new(DicomEcgIod.TwelveLead, "1.2.840.10008.5.1.4.1.1.9.1.1",
        "12-Lead ECG Waveform Storage", 13, 200, 1000, 5, 16384, double.PositiveInfinity);

    public static readonly DicomIodSpec General = new(DicomEcgIod.General, "1.2.840.10008.5.1.4.1.1.9.1.2",
        "General ECG Waveform Storage", 24, 200, 1000, 4, long.MaxValue, double.PositiveInfinity);

    public static readonly DicomIodSpec Ambulatory = new(DicomEcgIod.Ambulatory, "1.2.840.10008.5.1.4.1.1.9.1.3",
        "Ambulatory ECG Waveform Storage", 12, 50, 1000, 1, long.MaxValue, 24 * 3600);

    /// <summary>In the order the writer tries them: a resting 12-lead when it fits, a Holter recording next, else general.</summary>
    public static readonly IReadOnlyList<DicomIodSpec> All = [TwelveLead, Ambulatory, General];

    public static DicomIodSpec? ByUid(string uid) => All.FirstOrDefault(s => s.SopClassUid == uid);

    public static DicomIodSpec Of(DicomEcgIod kind) => All.First(s => s.Kind == kind);

    /// <summary>Samples per multiplex group for a record, or the reason it does not fit this IOD.</summary>
    public (long SamplesPerGroup, string? Refusal) Layout(int channels, double rate, long samples)
    {
        if (channels < 1 || channels > MaxChannels) return (0, $"{channels} channels (the {Name} IOD holds 1 to {MaxChannels})");
        if (rate < MinRate || rate > MaxRate) return (0, $"{rate} Hz (the {Name} IOD needs {MinRate} to {MaxRate} Hz)");
        if (samples / rate > MaxSeconds) return (0, $"{samples / rate:0.#} s (the {Name} IOD holds at most {MaxSeconds / 3600:0.#} h)");
        // The waveform data of one group is one element: its byte length must fit 32 bits.
        var perGroup = Math.Min(MaxSamplesPerGroup, (uint.MaxValue - 1) / (2L * channels));
        var groups = Math.Max(1, (samples + perGroup - 1) / perGroup);
        if (groups > MaxGroups)
            return (0, $"{samples:N0} samples need {groups} multiplex groups of at most {perGroup:N0} (the {Name} IOD holds {MaxGroups})");
        return (groups == 1 ? Math.Max(samples, 1) : perGroup, null);
    }
}
