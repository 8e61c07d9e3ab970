using Einthoven.Models.TwelveLead;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;
using Einthoven.Training.TwelveLead;
using Xunit;

namespace Einthoven.Training.Tests.TwelveLead;

public class TwelveLeadTrainingTests
{
    [Fact]
    public void A_tiny_run_builds_a_loadable_calibrated_model_with_a_card_and_report()
    {
        var output = TestData.TempDir();
        var options = new TwelveLeadTrainingOptions { Width = 4, Epochs = 2, Crop = 200, Patience = 0, Threads = 2 };
        var built = TwelveLeadModelBuilder.Build(TestData.PtbXl, output, options, limit: 150);
        Assert.Equal(["NORM", "MI", "STTC", "CD", "HYP"], built.Report.Classes.Take(5).Select(c => c.Code));
        Assert.InRange(built.Report.SuperclassMacroAuc, 0, 1);
        Assert.True(built.Report.SelectionRecords > 0 && built.Report.TrainingRecords > built.Report.SelectionRecords);
        Assert.True(File.Exists(built.ReportPath));
        var loaded = TwelveLeadClassifier.LoadCard(built.CardPath);
        Assert.Equal(built.Report.Classes.Select(c => c.Threshold), loaded.Thresholds);
        var p = loaded.Classify(RecordFiles.Read(Path.Combine(TestData.PtbXl, "records100", "00000", "00010_lr.hea")));
        Assert.All(p.Statements, s => Assert.InRange(s.Probability, 0, 1));
    }

    [Fact]
    public void Platt_scaling_and_thresholds()
    {
        // Logits that separate the classes perfectly get a steeper slope; F1 is best at the lowest positive's probability.
        var (a, _) = TwelveLeadTraining.Platt([-2f, -1f, 1f, 2f], [false, false, true, true]);
        Assert.True(a > 1);
        Assert.Equal(0.6, TwelveLeadTraining.BestF1Threshold([0.1, 0.3, 0.6, 0.9], [false, false, true, true]));
        Assert.Equal(0.5, TwelveLeadTraining.BestF1Threshold([0.1, 0.3], [false, false]));
    }
}
