using Einthoven.Models.Beats;
using Einthoven.Monitoring;
using Einthoven.Signal.Records;

namespace Einthoven.Evaluation.Monitoring;

/// <summary>An event the reference annotations show, samples [Start, End]; a don't-care event neither needs an alert nor makes one false.</summary>
public sealed record ReferenceEvent(AlertKind Kind, long Start, long End, bool DontCare = false);

/// <summary>
/// The events a monitor should alert on, from a MIT-BIH style reference (.atr): rhythm episodes from the aux text of
/// '+' annotations, the rest from the reference beats under the same thresholds the monitor uses:
/// <list type="bullet">
/// <item>AF: "(AFIB" episodes; "(AFL" (flutter) is don't-care.</item>
/// <item>VT run: "(VT" episodes, and runs of at least <see cref="MonitorSettings.VtRunBeats"/> V beats at
/// <see cref="MonitorSettings.VtRateBpm"/> or more, merged where they overlap; sustained VT: those lasting
/// <see cref="MonitorSettings.SustainedVtSeconds"/>. Ventricular flutter ("(VFL") is don't-care for both.</item>
/// <item>Bradycardia and tachycardia: <see cref="RateAlarms"/> run over the reference beats.</item>
/// <item>Pause and asystole: reference RR intervals of at least <see cref="MonitorSettings.PauseSeconds"/> and
/// <see cref="MonitorSettings.AsystoleSeconds"/>; don't-care inside ventricular flutter, whose waves are not annotated as beats.</item>
/// </list>
/// </summary>
public static class ReferenceEvents
{
    public static IReadOnlyList<ReferenceEvent> From(IReadOnlyList<Annotation> annotations, double fs, long length, MonitorSettings settings)
    {
        var rhythms = Episodes(annotations, length);
        var beats = annotations.Where(a => a.IsBeat).OrderBy(a => a.Sample).ToArray();
        var flutter = rhythms.Where(e => e.Rhythm == "(VFL").Select(e => (e.Start, e.End)).ToArray();
        var events = new List<ReferenceEvent>();
        events.AddRange(rhythms.Where(e => e.Rhythm is "(AFIB" or "(AFL").Select(e => new ReferenceEvent(AlertKind.AtrialFibrillation, e.Start, e.End, e.Rhythm == "(AFL")));
        var vt = Merge(rhythms.Where(e => e.Rhythm == "(VT").Select(e => (e.Start, e.End)).Concat(VentricularRuns(beats, fs, settings)));
        events.AddRange(vt.Select(v => new ReferenceEvent(AlertKind.VentricularTachycardiaRun, v.Start, v.End)));
        events.AddRange(vt.Where(v => (v.End - v.Start) / fs >= settings.SustainedVtSeconds).Select(v => new ReferenceEvent(AlertKind.SustainedVentricularTachycardia, v.Start, v.End)));
        foreach (var (start, end) in flutter)
        {
            events.Add(new ReferenceEvent(AlertKind.VentricularTachycardiaRun, start, end, true));
            events.Add(new ReferenceEvent(AlertKind.SustainedVentricularTachycardia, start, end, true));
        }
        events.AddRange(RateEpisodes(beats.Select(b => b.Sample).ToArray(), fs, length, settings));
        for (var i = 1; i < beats.Length; i++)
        {
            var (a, b) = (beats[i - 1].Sample, beats[i].Sample);
            var dontCare = flutter.Any(f => a < f.End && b > f.Start);
            if ((b - a) / fs >= settings.PauseSeconds) events.Add(new ReferenceEvent(AlertKind.Pause, a, b, dontCare));
            if ((b - a) / fs >= settings.AsystoleSeconds) events.Add(new ReferenceEvent(AlertKind.Asystole, a, b, dontCare));
        }
        return events;
    }

    /// <summary>Rhythm episodes: each '+' annotation's rhythm lasts until the next one (or the record's end).</summary>
    public static IReadOnlyList<(string Rhythm, long Start, long End)> Episodes(IReadOnlyList<Annotation> annotations, long length)
    {
        var changes = annotations.Where(a => a.Code == AnnotationCodes.Rhythm && a.AuxText is { Length: > 1 } aux && aux[0] == '(')
            .OrderBy(a => a.Sample).ToArray();
        return changes.Select((c, i) => (c.AuxText!, c.Sample, i + 1 < changes.Length ? changes[i + 1].Sample : length)).ToArray();
    }

    private static IEnumerable<(long Start, long End)> VentricularRuns(Annotation[] beats, double fs, MonitorSettings settings)
    {
        var run = new List<long>();
        foreach (var beat in beats.Append(new Annotation(long.MaxValue, AnnotationCodes.Normal)))
        {
            if (AamiMapping.FromAnnotation(beat) == AamiClass.V) { run.Add(beat.Sample); continue; }
            if (run.Count >= settings.VtRunBeats && 60 * (run.Count - 1) / ((run[^1] - run[0]) / fs) >= settings.VtRateBpm)
                yield return (run[0], run[^1]);
            run.Clear();
        }
    }

    private static IEnumerable<ReferenceEvent> RateEpisodes(long[] beats, double fs, long length, MonitorSettings settings)
    {
        var events = new List<ReferenceEvent>();
        var open = new Dictionary<AlertKind, long>();
        void Raise(AlertKind kind, AlertPhase phase, long sample, string _)
        {
            if (phase == AlertPhase.Onset) open[kind] = sample;
            else if (open.Remove(kind, out var start)) events.Add(new ReferenceEvent(kind, start, sample));
        }
        var rate = new RateAlarms(fs, settings);
        foreach (var b in beats) rate.Beat(b, Raise);
        rate.Close(length, Raise);
        return events;
    }

    private static List<(long Start, long End)> Merge(IEnumerable<(long Start, long End)> intervals)
    {
        var merged = new List<(long Start, long End)>();
        foreach (var (s, e) in intervals.OrderBy(i => i.Start))
            if (merged.Count > 0 && s <= merged[^1].End) merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, e));
            else merged.Add((s, e));
        return merged;
    }
}
