using System.Text.Json;
using Einthoven.Models.Analysis;
using Einthoven.Signal.Analysis;
using Einthoven.Signal.Analysis.Hrv;
using Einthoven.Signal.Analysis.Measurements;

namespace Einthoven.Models.Tests.Analysis;

/// <summary>
/// The report's JSON is a stored contract: the server keeps it as each analysis' summary and reads old ones back. The
/// fixtures were written by the code before the report moved from Einthoven.Signal to Einthoven.Models; the same
/// reports must still be written byte for byte (names, nesting, order, units), and every stored form must still read.
/// </summary>
public class AnalysisReportJsonTests
{
    private static readonly JsonSerializerOptions Indented = new(AnalysisReport.Json) { WriteIndented = true };

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Analysis", "Fixtures", name)).ReplaceLineEndings("\n");

    public static AnalysisReport Full() => new("100", 360, 1805.5556, ["MLII", "V5"],
        new BeatCounts(2271, 2265, new Dictionary<string, int> { ["N"] = 2230, ["S"] = 30, ["V"] = 1, ["F"] = 0, ["Q"] = 4 }),
        new RateSummary(75.4, 51.2, 112.3, 2260),
        new TimeDomainHrv(2260, 795.5, 52.25, 38.5, 12.75),
        new FrequencyDomainHrv(512.5, 256.25, 2.0, 1500.125),
        new GlobalMeasurements(800, 162, 88, 380, 424.8, 409.3, 60, 45.5, null, 1200),
        new QualitySummary("good", 170, 9, 1, "MLII", [new QualitySegment(0, 10, "good", null), new QualitySegment(10, 20, "inconclusive", "flat line")]),
        new PacingSummary(false, 0.0125, 3),
        new RhythmVerdict("A", "atrial fibrillation", new Dictionary<string, double> { ["N"] = 0.125, ["A"] = 0.75, ["O"] = 0.0625, ["~"] = 0.0625 }, "MLII", 0.5,
            [new RhythmWindow(0, 30, "A", 0.875), new RhythmWindow(30, 60, "N", 0.625)], null, "einthoven-rhythm 1"),
        [new ModelVersion("beats", "1"), new ModelVersion("einthoven-rhythm", "1")],
        new Dictionary<string, string> { ["tAxis"] = "no T wave in the median beat", ["prMs"] = "no P waves: atrial fibrillation" });

    public static AnalysisReport Inconclusive() => new("short", 250, 2.5, ["I"],
        new BeatCounts(3, 0, new Dictionary<string, int> { ["detected"] = 3 }),
        null, null, null, null,
        new QualitySummary("inconclusive", 0, 0, 1, "I", [new QualitySegment(0, 2.5, "inconclusive", "too short")]),
        new PacingSummary(false, double.NaN, 0),
        new RhythmVerdict("~", "inconclusive", new Dictionary<string, double>(), "I", null, [], "too short to classify", "einthoven-rhythm 1"),
        NotMeasured: new Dictionary<string, string>
        {
            ["heartRate"] = "no normal-to-normal interval in interpretable segments",
            ["intervals"] = "no median beat: fewer than 3 alike beats in interpretable segments",
        });

    public static TheoryData<string> Written => ["report-full.json", "report-inconclusive.json"];

    private static AnalysisReport Report(string fixture) => fixture == "report-full.json" ? Full() : Inconclusive();

    [Theory]
    [MemberData(nameof(Written))]
    public void A_report_is_written_exactly_as_before_the_move(string fixture) =>
        Assert.Equal(Fixture(fixture), JsonSerializer.Serialize(Report(fixture), Indented) + "\n");

    [Theory]
    [MemberData(nameof(Written))]
    public void A_stored_report_reads_back_to_the_same_json(string fixture) =>
        Assert.Equal(Fixture(fixture), JsonSerializer.Serialize(AnalysisReport.Parse(Fixture(fixture)), Indented) + "\n");

    [Fact]
    public void A_summary_stored_before_the_models_ran_reads_with_no_rhythm_and_no_model_versions()
    {
        var report = AnalysisReport.Parse(Fixture("report-before-models.json"));
        Assert.Null(report.Rhythm);
        Assert.Null(report.Models);
        Assert.Equal(new Dictionary<string, int> { ["detected"] = 2271 }, report.Beats.ByClass);
        var expected = Full() with { Beats = new BeatCounts(2271, 2265, report.Beats.ByClass), Rhythm = null, Models = null, NotMeasured = null };
        Assert.Equal(JsonSerializer.Serialize(expected, Indented), JsonSerializer.Serialize(report, Indented));
    }

    [Fact]
    public void A_report_stored_before_the_reasons_reads_with_no_reasons_and_everything_else()
    {
        var report = AnalysisReport.Parse(Fixture("report-before-reasons.json"));
        Assert.Null(report.NotMeasured);
        Assert.Equal(JsonSerializer.Serialize(Full() with { NotMeasured = null }, Indented), JsonSerializer.Serialize(report, Indented));
    }

    [Theory]
    [InlineData("""{"lead":"MLII","beatCount":2271,"meanHeartRate":75.4,"minRr":0.53,"maxRr":1.17}""")] // the first server's qrs-1 summary
    [InlineData("""{"scripted":true}""")]
    [InlineData("null")]
    public void Json_that_is_not_a_report_is_refused(string json) =>
        Assert.Throws<JsonException>(() => AnalysisReport.Parse(json));
}
