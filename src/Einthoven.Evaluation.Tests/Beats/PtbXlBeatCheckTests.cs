using Einthoven.Evaluation.Beats;
using Einthoven.Models.Analysis;
using Einthoven.Models.Beats;
using Einthoven.TestSupport;

namespace Einthoven.Evaluation.Tests.Beats;

/// <summary>The shipped beat classes (classifier agreed with the rhythm model) on PTB-XL's 12-lead 10-s ECGs, record by record against their statements.</summary>
public class PtbXlBeatCheckTests
{
    [Fact]
    public void Normal_ECGs_get_no_ectopic_beats_and_ECGs_with_PVCs_get_V_beats()
    {
        // Folds 1-3 (a third of the records keeps the test light; `eval beats` checks all nine).
        var groups = PtbXlBeatCheck.Run(r => ModelAnalyzer.Shipped.ClassifyBeats(r).Beats, TestData.PtbXl, folds: new HashSet<int> { 1, 2, 3 });
        PtbXlBeatGroup Find(string expectation, string name) => groups.Single(g => g.Name == name && g.Expectation == expectation);
        var normal = Find("no S or V beat", "NORM, sinus rhythm, no ectopy");
        var pvc = Find("at least one V beat", "PVC");
        Assert.True(normal.Records > 150, $"{normal.Records} normal records");
        // Before the leads voted on beats and cut windows took the template, 81 % of these were clean; before beats cut
        // by the record's edge became Q, 94-97 % (BENCHMARKS).
        Assert.True(normal.MetFraction >= 0.96, $"normal ECGs without a false S or V beat: {normal.MetFraction:P1}");
        Assert.True(pvc.MetFraction >= 0.85, $"PVC ECGs with a V beat: {pvc.MetFraction:P1}");
        Assert.All(groups, g => Assert.True(g.Records > 0 && g.Beats > 5 * g.Records, $"{g.Name}: {g.Records} records, {g.Beats} beats"));
    }
}
