using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Aecg;

/// <summary>
/// An aECG file read in one streaming pass (see <see cref="AecgParser"/>): XML keeps each lead's samples in one run,
/// so the decoded samples are held once, as integers, and windows are served from them. The sizes a reader accepts
/// are those of <see cref="RecordLimits"/> (the defaults when none are given), checked while the digits are decoded.
/// </summary>
internal sealed class AecgReader : ISignalReader
{
    private readonly int[][] _samples;
    private readonly Dictionary<string, IReadOnlyList<Annotation>> _annotations;

    private AecgReader(RecordInfo info, int[][] samples, Dictionary<string, IReadOnlyList<Annotation>> annotations) =>
        (Info, _samples, _annotations) = (info, samples, annotations);

    public static AecgReader Open(string path, RecordLimits? limits)
    {
        var doc = AecgParser.Parse(path, limits ?? new RecordLimits());
        var time = doc.Sequences.FirstOrDefault(s => s.Type is "GLIST_TS" or "GLIST_PQ")
                   ?? throw new SignalFormatException(path, "sequenceSet", "no time sequence (GLIST_TS or GLIST_PQ); the rhythm waveforms are missing");
        var fs = Frequency(path, time);
        var start = Start(path, doc, time);
        var leads = doc.Sequences.Where(s => s.Type == "SLIST_PQ").ToList();
        if (leads.Count == 0) throw new SignalFormatException(path, "sequenceSet", "no lead sequence (SLIST_PQ)");
        var infos = leads.Select((s, i) => Lead(path, s, i)).ToList();
        var samples = leads.Select((s, i) => s.Digits ?? throw new SignalFormatException(path, $"lead {i + 1} ('{s.Code}') digits", "missing")).ToArray();
        for (var i = 1; i < samples.Length; i++)
            if (samples[i].Length != samples[0].Length)
                throw new SignalFormatException(path, $"lead {i + 1} ('{leads[i].Code}') digits", $"{samples[i].Length} samples, but lead 1 has {samples[0].Length}");

        var metadata = new Dictionary<string, string>(doc.Metadata);
        var annotations = AecgAnnotations.Read(path, doc.AnnotationSets, fs, start?.Time, infos, metadata);
        var info = new RecordInfo
        {
            Name = Path.GetFileNameWithoutExtension(path),
            SamplingFrequency = fs,
            SampleCount = samples[0].Length,
            Leads = infos,
            StartDate = start is { } s0 ? DateOnly.FromDateTime(s0.Time) : null,
            StartTime = start is { HasTime: true } s1 ? TimeOnly.FromDateTime(s1.Time) : null,
            Metadata = metadata,
            Comments = doc.IgnoredSeries > 0 ? [$"{doc.IgnoredSeries} further series of the file not read"] : [],
        };
        return new AecgReader(info, samples, annotations);
    }

    public RecordInfo Info { get; }

    public IReadOnlyList<string> Annotators => [.. _annotations.Keys];

    public SampleBlock Read(long start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var from = (int)Math.Clamp(start, 0, Info.SampleCount);
        var length = (int)Math.Clamp(Info.SampleCount - from, 0, count);
        return new SampleBlock(from, _samples.Select(s => s.AsSpan(from, length).ToArray()).ToArray());
    }

    public IReadOnlyList<Annotation> ReadAnnotations(string annotator) =>
        _annotations.TryGetValue(annotator, out var set) ? set
            : throw new SignalFormatException(Info.Name, "annotator", $"no annotation set '{annotator}'; the file has: {string.Join(", ", _annotations.Keys)}");

    public void Dispose() { }

    private static double Frequency(string path, AecgSequence time)
    {
        var (text, unit) = time.Increment;
        if (!AecgNumbers.TryParse(text, out var increment) || increment <= 0 || AecgNumbers.Seconds(unit) is not { } perUnit)
            throw new SignalFormatException(path, "time sequence increment", $"'{text}' '{unit}' is not a positive time step in s, ms or us");
        var fs = AecgNumbers.Frequency(text!, increment * perUnit);
        if (!(fs is >= 1e-3 and <= 1e6))
            throw new SignalFormatException(path, "time sequence increment", $"{text} {unit} gives a sampling rate of {fs} Hz");
        return fs;
    }

    /// <summary>The time of the first sample: the GLIST_TS head, or the effective time plus a GLIST_PQ head.</summary>
    private static (DateTime Time, bool HasTime)? Start(string path, AecgDocument doc, AecgSequence time)
    {
        var effective = doc.EffectiveLow is { } low ? AecgTime.Parse(low) : null;
        if (time.Type == "GLIST_TS")
            return AecgTime.Parse(time.Head.Value ?? "") ?? throw new SignalFormatException(path, "time sequence head", $"'{time.Head.Value}' is not an HL7 timestamp");
        if (effective is not { } e) return null;
        if (time.Head.Value is null) return e;
        if (!AecgNumbers.TryParse(time.Head.Value, out var head) || AecgNumbers.Seconds(time.Head.Unit) is not { } perUnit || Math.Abs(head * perUnit) > 1e7)
            throw new SignalFormatException(path, "time sequence head", $"'{time.Head.Value}' '{time.Head.Unit}' is not a time offset");
        return (e.Time.AddSeconds(head * perUnit), e.HasTime);
    }

    private static LeadInfo Lead(string path, AecgSequence s, int index)
    {
        var field = $"lead {index + 1} ('{s.Code}')";
        if (string.IsNullOrWhiteSpace(s.Code)) throw new SignalFormatException(path, $"lead {index + 1} code", "missing");
        if (!AecgNumbers.TryParse(s.Scale.Value, out var scale) || scale == 0)
            throw new SignalFormatException(path, field + " scale", $"'{s.Scale.Value}' is not a non-zero number");
        var origin = 0.0;
        if (s.Origin.Value is not null && !AecgNumbers.TryParse(s.Origin.Value, out origin))
            throw new SignalFormatException(path, field + " origin", $"'{s.Origin.Value}' is not a number");
        var unit = PhysicalUnits.Normalise(s.Scale.Unit ?? "");
        if (s.Origin.Unit is { } originUnit && origin != 0 && PhysicalUnits.Normalise(originUnit) != unit)
            origin *= VoltageFactor(path, field, PhysicalUnits.Normalise(originUnit), unit);
        var (gain, baseline, fraction) = AecgNumbers.Calibration(origin, scale);
        if (!double.IsFinite(gain) || Math.Abs(-origin * gain) > int.MaxValue)
            throw new SignalFormatException(path, field + " origin", $"origin {s.Origin.Value} with scale {s.Scale.Value} is out of range");
        return new LeadInfo
        {
            Name = AecgCodes.LeadName(s.Code), Unit = unit.Length == 0 ? "mV" : unit, Gain = gain, Baseline = baseline,
            BaselineFraction = fraction, AdcResolution = 32,
        };
    }

    private static double VoltageFactor(string path, string field, string from, string to)
    {
        static double? Volts(string u) => u switch { "uV" => 1e-6, "mV" => 1e-3, "V" => 1, _ => null };
        return Volts(from) is { } f && Volts(to) is { } t ? f / t
            : throw new SignalFormatException(path, field + " origin", $"origin in '{from}' cannot be converted to the scale's '{to}'");
    }
}
