using Einthoven.Models.Analysis;
using Einthoven.TestSupport;

namespace Einthoven.Models.Tests.Analysis;

/// <summary>The shipped rhythm verdict on PTB-XL's 12-lead 10-s ECGs against their statements.</summary>
public class PtbXlRhythmCheckTests
{
    [Fact]
    public void Fibrillation_ECGs_are_called_AF_and_plain_sinus_ECGs_almost_never()
    {
        // Folds 1-3 keep the test light; `eval rhythm` checks all nine.
        var groups = PtbXlRhythmCheck.Run(ModelAnalyzer.Shipped.Rhythm, TestData.PtbXl, folds: new HashSet<int> { 1, 2, 3 }).ToDictionary(g => g.Name);
        var afib = groups["AFIB"];
        var sinus = groups["sinus rhythm, no ectopy"];
        Assert.True(afib.Records >= 20 && sinus.Records >= 300, $"{afib.Records} AF and {sinus.Records} sinus records");
        Assert.True(afib.AfFraction >= 0.75, $"AF records called AF: {afib.AfFraction:P1}");
        Assert.True(sinus.AfFraction <= 0.02, $"plain sinus records called AF: {sinus.AfFraction:P1}");
        // Ectopic beats are the model's known weakness (about one PAC ECG in five is called AF, BENCHMARKS); this
        // only guards against it getting worse.
        Assert.True(groups["PAC"].AfFraction <= 0.4 && groups["PVC"].AfFraction <= 0.3,
            $"PAC records called AF {groups["PAC"].AfFraction:P1}, PVC {groups["PVC"].AfFraction:P1}");
    }
}
