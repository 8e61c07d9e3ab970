using Einthoven.Evaluation.Databases;
using Einthoven.Models.Analysis;
using Einthoven.Models.Beats;
using Einthoven.Signal.Analysis;
using Einthoven.Signal.Records;

namespace Einthoven.Evaluation.Rhythm;

/// <summary>What the reference rhythm annotations say of one 30-s window of a MIT-BIH record.</summary>
public enum ReferenceRhythm
{
    /// <summary>At least half of the window in "(AFIB".</summary>
    AtrialFibrillation,

    /// <summary>At least half in "(AFL".</summary>
    AtrialFlutter,

    /// <summary>No fibrillation or flutter at all.</summary>
    Organised,

    /// <summary>Partly fibrillation or flutter, less than half of either.</summary>
    Mixed,
}

/// <summary>One rhythm-model window of a MIT-BIH record, its reference rhythm and the reference S beats inside it.</summary>
public sealed record RhythmWindowCheck(string Record, RhythmWindow Window, ReferenceRhythm Reference, int SBeats)
{
    public bool CalledAf => Window.Label == RhythmVerdict.AtrialFibrillation;
}

/// <summary>
/// The rhythm verdict's 30-s windows on long recordings (MIT-BIH, lead MLII) against the reference rhythm
/// annotations: atrial fibrillation found, and windows called fibrillation where the rhythm is organised. The second
/// is what costs the beat classifier its S beats, since <see cref="AfReconciliation"/> turns S into N inside every
/// window called fibrillation; the check counts those S beats too. Run it on DS1 only: DS2 is the beat classifier's
/// held-out set, and this check would tell which of its windows lose S beats.
/// </summary>
public static class MitBihRhythmCheck
{
    public static IReadOnlyList<RhythmWindowCheck> Run(RecordRhythm rhythm, string directory, IReadOnlyList<string> records, Action<int, int>? progress = null)
    {
        var done = 0;
        return MitBihBeats.ForEachRecord(directory, records, 0, (record, annotations) =>
        {
            var verdict = rhythm.Classify(record);
            var checks = Windows(record.Info.Name, verdict, annotations, record.Info.SamplingFrequency);
            progress?.Invoke(Interlocked.Increment(ref done), records.Count);
            return checks;
        }).SelectMany(c => c).ToArray();
    }

    /// <summary>Each window of <paramref name="verdict"/> with its reference rhythm (from '+' annotations) and S beats.</summary>
    public static IReadOnlyList<RhythmWindowCheck> Windows(string record, RhythmVerdict verdict, IReadOnlyList<Annotation> annotations, double samplingFrequency)
    {
        var changes = annotations.Where(a => a.AuxText is { Length: > 1 } aux && aux[0] == '(')
            .Select(a => (Seconds: a.Sample / samplingFrequency, Rhythm: a.AuxText!)).OrderBy(c => c.Seconds).ToArray();
        var sBeats = annotations.Where(a => a.IsBeat && AamiMapping.FromAnnotation(a) == AamiClass.S).Select(a => a.Sample / samplingFrequency).ToArray();
        return verdict.Windows.Select(w =>
        {
            var (fibrillation, flutter) = (Share(changes, w, "(AFIB"), Share(changes, w, "(AFL"));
            var reference = fibrillation >= 0.5 ? ReferenceRhythm.AtrialFibrillation
                : flutter >= 0.5 ? ReferenceRhythm.AtrialFlutter
                : fibrillation + flutter == 0 ? ReferenceRhythm.Organised : ReferenceRhythm.Mixed;
            return new RhythmWindowCheck(record, w, reference, sBeats.Count(s => s >= w.StartSeconds && s < w.EndSeconds));
        }).ToArray();
    }

    /// <summary>The share of the window's duration spent in <paramref name="rhythm"/>, each annotation lasting until the next.</summary>
    private static double Share((double Seconds, string Rhythm)[] changes, RhythmWindow window, string rhythm)
    {
        var inside = 0.0;
        for (var i = 0; i < changes.Length; i++)
        {
            if (changes[i].Rhythm != rhythm) continue;
            var end = i + 1 < changes.Length ? changes[i + 1].Seconds : double.PositiveInfinity;
            inside += Math.Max(0, Math.Min(end, window.EndSeconds) - Math.Max(changes[i].Seconds, window.StartSeconds));
        }
        return inside / (window.EndSeconds - window.StartSeconds);
    }
}
