using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Records;

namespace Einthoven.Server.Verification;

/// <summary>
/// Where physician sets of one recording differ, pair by pair: beats are matched by sample within 150 ms (EC57's
/// matching, closest pairs first); a matched pair with different labels, or a beat one set has and the other has not,
/// is a disagreement.
/// </summary>
public static class Disagreements
{
    public const int MaxListed = 5_000;

    public static List<DisagreementView> Find(IReadOnlyList<(Guid Id, Annotation[] Beats)> sets, double samplingFrequency)
    {
        var window = BeatMatching.Window(samplingFrequency, BeatEdits.MinimumGapSeconds);
        var found = new List<DisagreementView>();
        for (var i = 0; i < sets.Count; i++)
        for (var j = i + 1; j < sets.Count; j++)
        {
            var (a, b) = (sets[i], sets[j]);
            var match = BeatMatching.Match(a.Beats.Select(x => x.Sample).ToList(), b.Beats.Select(x => x.Sample).ToList(), window);
            foreach (var (ra, rb) in match.Pairs)
                if (a.Beats[ra].Code != b.Beats[rb].Code) found.Add(Of(a.Id, b.Id, a.Beats[ra], b.Beats[rb], samplingFrequency));
            foreach (var ra in match.Missed) found.Add(Of(a.Id, b.Id, a.Beats[ra], null, samplingFrequency));
            foreach (var rb in match.FalseDetections) found.Add(Of(a.Id, b.Id, null, b.Beats[rb], samplingFrequency));
        }
        return found.OrderBy(d => d.Time).ThenBy(d => d.SetA).ThenBy(d => d.SetB).ToList();
    }

    private static DisagreementView Of(Guid setA, Guid setB, Annotation? a, Annotation? b, double fs) =>
        new(setA, setB, (a ?? b)!.Value.Sample / fs, a?.Sample, a is { } x ? BeatEdits.Label(x.Code) : null, b?.Sample, b is { } y ? BeatEdits.Label(y.Code) : null);
}
