using Einthoven.Models.Verified;
using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Records;

namespace Einthoven.Server.ContinuousLearning;

/// <summary>
/// The beats a dataset takes from a recording's completed physician sets. One set: all its beats. Several: only the
/// beats every set has (within 150 ms, EC57's window) with the same AAMI class, at the position of the set of the
/// lowest cardiologist id; the rest are left out and counted as disagreements (a beat of the first set that another
/// set labels differently or lacks, and a beat of another set that the first lacks).
/// </summary>
public static class BeatConsensus
{
    public static (IReadOnlyList<VerifiedBeat> Beats, int Disagreements) Agree(IReadOnlyList<(Guid Verifier, IReadOnlyList<Annotation> Beats)> sets, double samplingFrequency)
    {
        if (sets.Count == 0) return ([], 0);
        var ordered = sets.OrderBy(s => s.Verifier).Select(s => VerifiedBeat.FromAnnotations(s.Beats)).ToList();
        var anchor = ordered[0];
        var keep = Enumerable.Repeat(true, anchor.Count).ToArray();
        var disagreements = 0;
        var window = BeatMatching.Window(samplingFrequency);
        foreach (var other in ordered.Skip(1))
        {
            var match = BeatMatching.Match(anchor.Select(b => b.Sample).ToList(), other.Select(b => b.Sample).ToList(), window);
            var matched = new bool[anchor.Count];
            foreach (var (a, o) in match.Pairs)
            {
                matched[a] = true;
                if (anchor[a].Class != other[o].Class) keep[a] = false;
            }
            for (var a = 0; a < anchor.Count; a++) if (!matched[a]) keep[a] = false;
            disagreements += match.FalseDetections.Count;
        }
        disagreements += keep.Count(k => !k);
        return (anchor.Where((_, i) => keep[i]).ToList(), disagreements);
    }
}
