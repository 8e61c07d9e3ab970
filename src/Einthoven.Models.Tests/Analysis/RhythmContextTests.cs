using Einthoven.Models.Analysis;
using Einthoven.Signal.Analysis;
using Einthoven.Signal.Analysis.Measurements;

namespace Einthoven.Models.Tests.Analysis;

public class RhythmContextTests
{
    private static RecordMeasurements Measured() => new("r", 500, 10, ["I", "II"], 12, 12,
        new RateSummary(72, 70, 75, 11), null, null,
        new GlobalMeasurements(830, 210, 96, 390, 428, 415, 55, 40, 45, 11),
        QualitySummary.Of("II", []), new PacingSummary(false, 0, 0),
        new Dictionary<string, string> { [NotMeasured.HrvFrequency] = "needs 2 min of normal-to-normal intervals" });

    private static RhythmVerdict Verdict(string label) =>
        new(label, RhythmVerdict.NameOf(label), new Dictionary<string, double>(), "II", null, [], null, "einthoven-rhythm 1");

    [Fact]
    public void Atrial_fibrillation_reports_no_pr_and_no_p_axis_and_says_why()
    {
        var report = AnalysisReport.Of(Measured(), [], Verdict(RhythmVerdict.AtrialFibrillation), []);
        Assert.Null(report.Intervals!.PrMs);
        Assert.Null(report.Intervals.PAxis);
        Assert.Equal(96, report.Intervals.QrsMs); // the ventricular measurements stay
        Assert.Equal(RhythmContext.AtrialFibrillation, report.NotMeasured![NotMeasured.Pr]);
        Assert.Equal(RhythmContext.AtrialFibrillation, report.NotMeasured[NotMeasured.PAxis]);
        Assert.Contains(NotMeasured.HrvFrequency, report.NotMeasured.Keys); // the signal library's reasons are kept
    }

    [Theory]
    [InlineData(RhythmVerdict.Normal)]
    [InlineData(RhythmVerdict.Other)]
    [InlineData(RhythmVerdict.Inconclusive)]
    public void Other_verdicts_keep_the_pr(string label)
    {
        var report = AnalysisReport.Of(Measured(), [], Verdict(label), []);
        Assert.Equal(210, report.Intervals!.PrMs);
        Assert.False(report.NotMeasured!.ContainsKey(NotMeasured.Pr));
    }
}
