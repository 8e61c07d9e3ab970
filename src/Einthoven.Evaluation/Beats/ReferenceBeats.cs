using Einthoven.Evaluation.Qrs;
using Einthoven.Models.Beats;
using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Records;

namespace Einthoven.Evaluation.Beats;

/// <summary>A reference beat: where it is and its class (null for a beat outside the AAMI mapping, e.g. "?").</summary>
public readonly record struct ReferenceBeat(long Sample, AamiClass? Class);

/// <summary>The reference beats of an annotated record and how detected beats match them (the SPEC's protocol).</summary>
public static class ReferenceBeats
{
    /// <summary>The reference beats of a MIT-BIH style annotation set (the SPEC's beat symbols), ascending.</summary>
    public static ReferenceBeat[] Of(IEnumerable<Annotation> annotations) =>
        annotations.Where(a => QrsProtocol.BeatSymbols.Contains(a.Symbol)).OrderBy(a => a.Sample)
            .Select(a => new ReferenceBeat(a.Sample, AamiMapping.FromAnnotation(a))).ToArray();

    /// <summary>EC57 matching (150 ms) of detections against reference beats, leaving out excluded episodes.</summary>
    public static BeatMatch Match(IReadOnlyList<ReferenceBeat> reference, IReadOnlyList<long> detected, double fs, IReadOnlyList<SampleRange> excluded) =>
        BeatMatching.Match(reference.Select(b => b.Sample).ToArray(), detected, BeatMatching.Window(fs, QrsProtocol.MatchWindowSeconds), excluded);
}
