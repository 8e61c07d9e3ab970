using Einthoven.Models.Analysis;
using Einthoven.Models.TwelveLead;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;
using Xunit;

namespace Einthoven.Models.Tests.TwelveLead;

public class TwelveLeadClassifierTests
{
    private static readonly TwelveLeadClassifier Shipped = TwelveLeadClassifier.LoadShipped();

    private static string PtbXl(int id) => Path.Combine(TestData.PtbXl, "records100", "00000", $"{id:00000}_lr.hea");

    private static double P(TwelveLeadPrediction p, string code) => p.Statements.Single(s => s.Code == code).Probability;

    [Fact]
    public void The_shipped_model_gives_every_class_with_its_threshold()
    {
        var p = Shipped.Classify(RecordFiles.Read(PtbXl(10)));
        Assert.Equal(["NORM", "MI", "STTC", "CD", "HYP"], p.Statements.Take(5).Select(s => s.Code));
        Assert.Equal(Shipped.Classes, p.Statements.Select(s => s.Code));
        Assert.All(p.Statements, s => Assert.InRange(s.Probability, 0, 1));
        Assert.All(p.Statements, s => Assert.Equal(s.Probability >= s.Threshold, s.Present));
        Assert.StartsWith("einthoven-twelve-lead-1-", p.Model);
        Assert.Contains("not a certified medical device", p.Disclaimer);
    }

    [Fact]
    public void A_normal_record_and_an_af_record_are_told_apart()
    {
        // PTB-XL 10 (fold 9): NORM, SR; 17 (fold 9): AFLT and AFIB.
        var normal = Shipped.Classify(RecordFiles.Read(PtbXl(10)));
        var af = Shipped.Classify(RecordFiles.Read(PtbXl(17)));
        Assert.True(P(normal, "NORM") > 0.8, $"NORM {P(normal, "NORM")}");
        Assert.True(P(af, "AFIB") > 0.5 && P(normal, "AFIB") < 0.1, $"AFIB {P(af, "AFIB")} vs {P(normal, "AFIB")}");
    }

    [Fact]
    public void Saved_weights_load_to_the_same_predictions()
    {
        var path = Path.Combine(TestData.TempDir(), "twelve-lead.safetensors");
        Shipped.Save(path);
        var copy = TwelveLeadClassifier.Load(path);
        var record = RecordFiles.Read(PtbXl(8));
        Assert.Equal(Shipped.Classify(record).Statements.Select(s => s.Probability), copy.Classify(record).Statements.Select(s => s.Probability));
    }

    [Fact]
    public void The_analysis_carries_statements_for_twelve_leads_and_says_why_not_for_two()
    {
        var twelve = ModelAnalyzer.Shipped.Analyze(RecordFiles.Read(PtbXl(10))).Report;
        Assert.NotNull(twelve.Statements);
        Assert.Contains(ModelAnalyzer.Shipped.Models, m => m.Name == "einthoven-twelve-lead");
        var json = System.Text.Json.JsonSerializer.Serialize(twelve, AnalysisReport.Json);
        Assert.Equal(twelve.Statements!.Statements.Select(s => s.Probability), AnalysisReport.Parse(json).Statements!.Statements.Select(s => s.Probability));
        using var reader = RecordFiles.Open(TestData.MitDbRecord("100"));
        var twoLeads = new Signal.Formats.RecordSlice(reader, 0, 360 * 60);
        var report = ModelAnalyzer.Shipped.Analyze(twoLeads).Report;
        Assert.Null(report.Statements);
        Assert.Contains("lead", report.NotMeasured!["statements"]);
    }
}
