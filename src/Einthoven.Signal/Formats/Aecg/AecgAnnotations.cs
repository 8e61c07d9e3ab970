using System.Globalization;
using Einthoven.Signal.Formats.Edf;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Aecg;

/// <summary>
/// Turns aECG annotation sets into the record's annotation sets. A set made by a device is "aecg-device", one made by
/// a person "aecg-physician" (then "-2", "-3" … for further sets of the same kind; "aecg" when the author is not
/// stated); the author is recorded with <see cref="AnnotationAuthors"/>.
/// <list type="bullet">
/// <item>an MDC_ECG_BEAT annotation is a beat at its time (a point, or the middle of its QRS wave, or the start of its
/// interval); MDC classes without a WFDB code become Q with the MDC code as aux;</item>
/// <item>a WFDB annotation (as <see cref="AecgWriter"/> writes those MDC has no code for) is read from its text the way
/// EDF+ texts are (<see cref="EdfAnnotationText"/>), its interval being the duration;</item>
/// <item>a timeless measurement (a PQ value such as MDC_ECG_TIME_PD_QT) becomes metadata "SET_CODE" = "value unit".</item>
/// </list>
/// </summary>
internal static class AecgAnnotations
{
    public const string WfdbSystem = "WFDB";
    public const string WfdbCode = "WFDB_ANNOTATION";
    private const int MaxMeasurements = 64;

    public static Dictionary<string, IReadOnlyList<Annotation>> Read(string path, IReadOnlyList<AecgAnnotationSet> sets, double fs,
        DateTime? start, IReadOnlyList<LeadInfo> leads, Dictionary<string, string> metadata)
    {
        var result = new Dictionary<string, IReadOnlyList<Annotation>>();
        var measurements = 0;
        for (var i = 0; i < sets.Count; i++)
        {
            var set = sets[i];
            var name = Name(set.Kind, result.Keys);
            var field = $"annotation set {i + 1}";
            var list = new List<Annotation>();
            foreach (var a in set.Annotations)
            {
                if (ToAnnotation(path, field, a, fs, start, leads) is { } annotation) list.Add(annotation);
                else if (a.ValueType == "PQ" && a.Code is { Length: > 0 } code && a.ValueNumber is { } value && measurements++ < MaxMeasurements)
                    metadata.TryAdd($"{name}_{code}", $"{value} {a.ValueUnit}".Trim());
            }
            if (set.Kind is { } kind) AnnotationAuthors.Record(metadata, name, new AnnotationAuthor(kind, string.Join(' ', set.AuthorNames)));
            result[name] = [.. list.OrderBy(a => a.Sample)];
        }
        return result;
    }

    private static string Name(AnnotationAuthorKind? kind, IEnumerable<string> taken)
    {
        var stem = kind switch { AnnotationAuthorKind.Device => "aecg-device", AnnotationAuthorKind.Person => "aecg-physician", _ => "aecg" };
        var used = taken.ToHashSet();
        if (!used.Contains(stem)) return stem;
        for (var n = 2; ; n++)
            if (!used.Contains($"{stem}-{n}")) return $"{stem}-{n}";
    }

    private static Annotation? ToAnnotation(string path, string field, AecgAnnotation a, double fs, DateTime? start, IReadOnlyList<LeadInfo> leads)
    {
        if (a.Code == AecgCodes.Beat)
        {
            var timed = a.TimeCode is not null ? a : a.Children.FirstOrDefault(c => c.TimeCode is not null);
            if (timed is null) return null;
            var (low, high) = Seconds(path, field, timed, start);
            var at = timed != a && timed.ValueCode == "MDC_ECG_WAVC_QRSWAVE" && high is { } h ? (low + h) / 2 : low;
            var mdc = a.ValueCode ?? "";
            var code = AecgCodes.BeatFromMdc(mdc);
            var aux = AecgCodes.IsKnownBeat(mdc) ? null : mdc.Length > 0 ? mdc : null;
            var beat = new Annotation(Sample(path, field, at, fs), code, Channel: Channel(a.Lead, leads), Aux: aux);
            if (a.Text is not { Length: > 0 } text) return beat;
            // The writer's text states the WFDB fields MDC cannot; any other text is a note on the beat.
            var stated = EdfAnnotationText.Read(beat.Sample, text, null);
            return stated.Code == beat.Code ? stated : beat with { Aux = beat.Aux is null ? text : $"{beat.Aux} {text}" };
        }
        if (a.Code == WfdbCode && a.TimeCode is not null)
        {
            var (low, high) = Seconds(path, field, a, start);
            var duration = high is { } h && h > low ? (decimal?)Math.Round((decimal)(h - low), 6) : null;
            return EdfAnnotationText.Read(Sample(path, field, low, fs), a.ValueText ?? "", duration);
        }
        return null;
    }

    private static int Channel(string? lead, IReadOnlyList<LeadInfo> leads)
    {
        if (lead is null) return 0;
        var name = AecgCodes.LeadName(lead);
        for (var i = 0; i < leads.Count; i++)
            if (string.Equals(leads[i].Name, name, StringComparison.OrdinalIgnoreCase)) return i;
        return 0;
    }

    /// <summary>The annotation's boundaries in seconds from the first sample.</summary>
    private static (double Low, double? High) Seconds(string path, string field, AecgAnnotation a, DateTime? start)
    {
        double? Read((string? Value, string? Unit) q, string part)
        {
            if (q.Value is null) return null;
            if (a.TimeCode == "TIME_ABSOLUTE")
            {
                var t = AecgTime.Parse(q.Value) ?? throw new SignalFormatException(path, $"{field} time {part}", $"'{q.Value}' is not an HL7 timestamp");
                if (start is not { } s) throw new SignalFormatException(path, $"{field} time {part}", "an absolute time, but the waveform's start is unknown");
                return (t.Time - s).Ticks / (double)TimeSpan.TicksPerSecond;
            }
            if (!AecgNumbers.TryParse(q.Value, out var v) || AecgNumbers.Seconds(q.Unit) is not { } perUnit)
                throw new SignalFormatException(path, $"{field} time {part}", $"'{q.Value}' '{q.Unit}' is not a time offset");
            return v * perUnit;
        }
        var low = Read(a.Low, "low") ?? Read(a.High, "high") ?? throw new SignalFormatException(path, field + " time", "neither low nor high is given");
        return (low, Read(a.High, "high"));
    }

    private static long Sample(string path, string field, double seconds, double fs)
    {
        var sample = Math.Round(seconds * fs, MidpointRounding.AwayFromZero);
        if (!(sample >= 0 && sample < 1e15))
            throw new SignalFormatException(path, field + " time", $"{seconds.ToString(CultureInfo.InvariantCulture)} s is outside the recording");
        return (long)sample;
    }
}
