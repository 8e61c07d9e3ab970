using Einthoven.Signal.Analysis.Delineation;

namespace Einthoven.Evaluation.Delineation;

/// <summary>
/// Pairs detected waves with expert waves of the same kind one to one, closest peaks first, when the peaks are at most
/// the tolerance apart (150 ms, the LUDB paper's). Unpaired expert waves are missed, unpaired detected waves false.
/// </summary>
public static class WaveMatching
{
    public const double ToleranceSeconds = 0.15;

    public static IReadOnlyList<(int Expert, int Detected)> Match(IReadOnlyList<Wave> expert, IReadOnlyList<Wave> detected, int tolerance)
    {
        var candidates = new List<(int Distance, int Expert, int Detected)>();
        for (var e = 0; e < expert.Count; e++)
            for (var d = 0; d < detected.Count; d++)
                if (Math.Abs(detected[d].Peak - expert[e].Peak) is var distance && distance <= tolerance)
                    candidates.Add((distance, e, d));
        var usedExpert = new bool[expert.Count];
        var usedDetected = new bool[detected.Count];
        var pairs = new List<(int, int)>();
        foreach (var (_, e, d) in candidates.OrderBy(c => c.Distance).ThenBy(c => c.Expert))
        {
            if (usedExpert[e] || usedDetected[d]) continue;
            usedExpert[e] = usedDetected[d] = true;
            pairs.Add((e, d));
        }
        return pairs.OrderBy(p => p.Item1).ToArray();
    }
}
