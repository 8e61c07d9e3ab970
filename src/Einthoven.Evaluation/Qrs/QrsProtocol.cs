using Einthoven.Evaluation.Beats;
using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Records;

namespace Einthoven.Evaluation.Qrs;

/// <summary>
/// The SPEC's QRS detection protocol on MIT-BIH style annotations: the reference is every beat annotation of the
/// listed kinds, the match window is 150 ms, and ventricular flutter episodes ('[' to ']') are left out.
/// </summary>
public static class QrsProtocol
{
    /// <summary>Beat symbols that form the reference (not rhythm, noise or non-conducted P annotations).</summary>
    public static readonly IReadOnlySet<string> BeatSymbols =
        new HashSet<string>(StringComparer.Ordinal) { "N", "L", "R", "B", "A", "a", "J", "S", "V", "r", "F", "e", "j", "n", "E", "/", "f", "Q", "?" };

    public const double MatchWindowSeconds = 0.150;

    public static long[] ReferenceBeats(IEnumerable<Annotation> annotations) =>
        annotations.Where(a => BeatSymbols.Contains(a.Symbol)).Select(a => a.Sample).Order().ToArray();

    /// <summary>Ventricular flutter/fibrillation episodes; an episode left open runs to the end of the record.</summary>
    public static IReadOnlyList<SampleRange> FlutterEpisodes(IEnumerable<Annotation> annotations)
    {
        var episodes = new List<SampleRange>();
        long? start = null;
        foreach (var a in annotations.OrderBy(a => a.Sample))
        {
            if (a.Code == AnnotationCodes.Vfon) start ??= a.Sample;
            else if (a.Code == AnnotationCodes.Vfoff && start is { } s)
            {
                episodes.Add(new SampleRange(s, a.Sample));
                start = null;
            }
        }
        if (start is { } open) episodes.Add(new SampleRange(open, long.MaxValue));
        return episodes;
    }

    /// <summary>Scores detections against a record's reference annotations.</summary>
    public static BeatMatch Evaluate(IReadOnlyList<Annotation> reference, IReadOnlyList<long> detected, double samplingFrequency) =>
        BeatMatching.Match(ReferenceBeats(reference), detected, BeatMatching.Window(samplingFrequency, MatchWindowSeconds), FlutterEpisodes(reference));
}
