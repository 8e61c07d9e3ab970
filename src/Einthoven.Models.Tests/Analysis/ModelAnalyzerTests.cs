using System.Text.Json;
using Einthoven.Learning.Serialization;
using Einthoven.Models.Analysis;
using Einthoven.Models.Beats;
using Einthoven.Models.Rhythm;
using Einthoven.Signal.Analysis;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;
using Einthoven.Signal.Synthesis;
using Einthoven.TestSupport;

namespace Einthoven.Models.Tests.Analysis;

public class ModelAnalyzerTests
{
    private static readonly string[] TwelveLeads = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"];

    private static EcgRecord Cinc(string name) => RecordFiles.Read(Path.Combine(TestData.Cinc2017, name + ".hea"));

    [Theory]
    [InlineData("A00001")]
    [InlineData("A00004")]
    public void A_cinc_record_gets_the_classifiers_own_verdict_and_classified_beats(string name)
    {
        var record = Cinc(name);
        var analysis = ModelAnalyzer.Shipped.Analyze(record);
        var rhythm = analysis.Report.Rhythm!;
        var direct = RhythmClassifier.LoadShipped().Classify(record);
        Assert.Equal(direct.Label, rhythm.Label);
        Assert.Equal(RhythmVerdict.NameOf(direct.Label), rhythm.Name);
        for (var c = 0; c < RhythmLabels.All.Length; c++) Assert.Equal(direct.Probabilities[c], rhythm.Probabilities[RhythmLabels.All[c]], tolerance: 1e-4);
        Assert.Equal(1.0, rhythm.Probabilities.Values.Sum(), 2);
        var window = Assert.Single(rhythm.Windows);
        Assert.Equal((0.0, record.Info.Duration.TotalSeconds), (window.StartSeconds, window.EndSeconds));

        var byClass = analysis.Report.Beats.ByClass;
        Assert.Equal(["N", "S", "V", "F", "Q"], byClass.Keys);
        Assert.Equal(analysis.Beats.Count, byClass.Values.Sum());
        Assert.InRange(analysis.Beats.Count, analysis.Report.Beats.Detected - 3, analysis.Report.Beats.Detected + 3);
        Assert.Equal(["beats", "einthoven-rhythm", "einthoven-pacemaker", "einthoven-twelve-lead"], analysis.Report.Models!.Select(m => m.Name));
        Assert.NotNull(analysis.Report.Pacemaker);
    }

    [Fact]
    public void The_twelve_lead_100_hz_ptbxl_af_record_is_atrial_fibrillation_on_every_lead()
    {
        var record = RecordFiles.Read(Path.Combine(TestData.PtbXl, "records100", "00000", "00351_lr.hea")); // PTB-XL AFIB 100 %
        var rhythm = ModelAnalyzer.Shipped.Analyze(record).Report.Rhythm!;
        Assert.Equal(("A", "atrial fibrillation", "I, II, III, AVR, AVL, AVF, V1, V2, V3, V4, V5, V6"), (rhythm.Label, rhythm.Name, rhythm.Lead));
        Assert.Equal(1.0, rhythm.AfBurden);
        Assert.Equal(10.0, Assert.Single(rhythm.Windows).EndSeconds, 6);
    }

    [Theory]
    [InlineData(500, 12, 20)]
    [InlineData(250, 1, 75)]
    [InlineData(128, 3, 12)]
    public void Records_of_any_rate_and_lead_count_get_a_verdict(double fs, int leads, int seconds)
    {
        var record = Synthetic(fs, TwelveLeads[..leads], seconds);
        var report = ModelAnalyzer.Shipped.Analyze(record).Report;
        var rhythm = report.Rhythm!;
        Assert.Contains(rhythm.Label, RhythmLabels.All);
        // A resting ECG of three or more leads is read on all of them, else on lead II (or the only lead).
        Assert.Equal(leads >= 3 && seconds <= RecordRhythm.WholeRecordSeconds ? string.Join(", ", TwelveLeads[..leads]) : leads > 1 ? "II" : "I", rhythm.Lead);
        Assert.Equal(seconds, rhythm.Windows[^1].EndSeconds, 1);
        Assert.Equal(seconds > RecordRhythm.WholeRecordSeconds ? 3 : 1, rhythm.Windows.Count); // 75 s: 30 + 30 + 15
        Assert.InRange(report.Beats.ByClass.Values.Sum(), seconds - 3, seconds + 3); // 60 bpm
    }

    [Fact]
    public void A_record_under_9_s_is_inconclusive_with_the_reason_and_keeps_its_other_results()
    {
        var report = ModelAnalyzer.Shipped.Analyze(Synthetic(360, ["MLII", "V1"], 5)).Report;
        var rhythm = report.Rhythm!;
        Assert.Equal(("~", "inconclusive"), (rhythm.Label, rhythm.Name));
        Assert.Contains("at least 9 s", rhythm.Reason);
        Assert.Empty(rhythm.Probabilities);
        Assert.Empty(rhythm.Windows);
        Assert.Null(rhythm.AfBurden);
        Assert.NotNull(report.HeartRate);
        Assert.True(report.Beats.ByClass["N"] >= 3);
    }

    [Fact]
    public void Concurrent_analyses_give_the_same_reports_as_one_at_a_time()
    {
        var records = new[] { Cinc("A00002"), Cinc("A00005") };
        var alone = records.Select(r => Json(ModelAnalyzer.Shipped.Analyze(r).Report)).ToArray();
        var together = new string[records.Length * 2];
        Parallel.For(0, together.Length, i => together[i] = Json(ModelAnalyzer.Shipped.Analyze(records[i % records.Length]).Report));
        Assert.Equal([.. alone, .. alone], together);
    }

    [Fact]
    public void Annotations_hold_every_beat_with_its_class_and_each_rhythm_change()
    {
        var record = Synthetic(360, ["MLII", "V1"], 150);
        var analysis = ModelAnalyzer.Shipped.Analyze(record);
        var annotations = analysis.ToAnnotations();
        var beats = annotations.Where(a => a.IsBeat).ToArray();
        Assert.Equal(analysis.Beats.Select(b => (b.Sample, b.Class.ToString())), beats.Select(a => (a.Sample, a.Symbol)));
        var changes = annotations.Where(a => a.Code == AnnotationCodes.Rhythm).ToArray();
        Assert.Equal(0, changes[0].Sample);
        var windows = analysis.Report.Rhythm!.Windows;
        var expected = windows.Where((w, i) => i == 0 || w.Label != windows[i - 1].Label).Select(w => ModelAnalysis.RhythmAux(w.Label));
        Assert.Equal(expected, changes.Select(c => c.Aux));
        Assert.Equal(annotations.OrderBy(a => a.Sample).Select(a => a.Sample), annotations.Select(a => a.Sample));
    }

    [Theory]
    [InlineData("cinc2017/A00003")] // lead "ECG": no limb lead, the rhythm waits for the quality assessment's lead
    [InlineData("ptbxl/00001")] // lead II: the rhythm runs beside the signal analysis
    [InlineData("mitdb/102")] // V5 and V2: the quality assessment's choice
    public void The_stages_run_side_by_side_give_what_they_give_one_after_another(string name)
    {
        var record = name.StartsWith("cinc2017/") ? Cinc(name["cinc2017/".Length..])
            : name.StartsWith("mitdb/") ? RecordFiles.Read(TestData.MitDbRecord(name["mitdb/".Length..]))
            : RecordFiles.Read(Path.Combine(TestData.PtbXl, "records100", "00000", name["ptbxl/".Length..] + "_lr.hea"));
        var analyzer = ModelAnalyzer.Shipped;
        var signal = RecordAnalyzer.AnalyzeInDetail(record);
        Assert.DoesNotContain(signal.Measurements.Quality.Segments, s => s.Level == QualitySummary.Label(Einthoven.Signal.Analysis.Quality.QualityLevel.Inconclusive)); // every beat is reported
        var (beats, features) = analyzer.Beats.ClassifyWithFeatures(record);
        var lead = RecordRhythm.ChooseLead(record.Info, signal.Measurements.Quality.RhythmLead);
        var verdict = analyzer.Rhythm.Classify(record, lead);
        var expected = ModelAnalyzer.Agree(beats, features, verdict, record.Info.SamplingFrequency);

        var analysis = analyzer.Analyze(record);

        Assert.Equal(lead, analysis.RhythmLead);
        Assert.Equal(expected.Select(b => (b.Sample, b.Class)), analysis.Beats.Select(b => (b.Sample, b.Class)));
        Assert.Equal(expected.Select(b => b.Probabilities.ToArray()), analysis.Beats.Select(b => b.Probabilities.ToArray()));
        Assert.Equal(verdict.Label, analysis.Report.Rhythm!.Label);
        Assert.Equal(verdict.Probabilities, analysis.Report.Rhythm.Probabilities);
        Assert.Equal(verdict.Windows, analysis.Report.Rhythm.Windows);
        Assert.Equal(Json(AnalysisReport.Of(signal.Measurements, expected, verdict, analyzer.Models, analyzer.Pacemaker?.Detect(record, signal)) with
            { Statements = analysis.Report.Statements, NotMeasured = analysis.Report.NotMeasured }), Json(analysis.Report));
    }

    [Fact]
    public void Progress_rises_to_one_and_cancellation_stops_the_analysis()
    {
        var record = Cinc("A00003");
        var reports = new List<double>();
        ModelAnalyzer.Shipped.Analyze(record, new SynchronousProgress(reports.Add));
        Assert.Equal(reports.Order(), reports);
        Assert.Equal(1.0, reports[^1]);
        Assert.Throws<OperationCanceledException>(() => ModelAnalyzer.Shipped.Analyze(record, null, new CancellationToken(canceled: true)));
    }

    [Fact]
    public void The_name_carries_every_model_version_from_the_cards()
    {
        var beats = ModelCard.Load(BeatClassifier.ShippedCardPath);
        var rhythm = ModelCard.Load(RhythmClassifier.ShippedCardPath);
        var head = ModelCard.Load(RestingRhythmHead.ShippedCardPath);
        var twelveLead = ModelCard.Load(Einthoven.Models.TwelveLead.TwelveLeadClassifier.ShippedCardPath);
        Assert.Equal($"einthoven-signal/record-analyzer-2+beats-{beats.Version}+einthoven-rhythm-{rhythm.Version}+rhythm-all-leads-1+{head.Name}-{head.Version}+patient-adaptation-2+einthoven-pacemaker-1+{twelveLead.Name}-{twelveLead.Version}-{twelveLead.WeightsSha256[..8]}",
            ModelAnalyzer.Shipped.Name);
        Assert.True(ModelAnalyzer.Shipped.Name.Length < 400, "the analyzer name column holds 400 characters");
    }

    [Fact]
    public void No_rhythm_is_read_from_a_window_that_cannot_be_read()
    {
        var record = Synthetic(360, ["MLII", "V1"], 120);
        foreach (var lead in record.Samples) Array.Fill(lead, 0, 30 * 360, 30 * 360); // leads off from 30 s to 60 s
        var analysis = ModelAnalyzer.Shipped.Analyze(record);
        var rhythm = analysis.Report.Rhythm!;
        Assert.Equal(4, rhythm.Windows.Count);
        Assert.Equal(("~", 1.0), (rhythm.Windows[1].Label, rhythm.Windows[1].Probability));
        Assert.All(new[] { 0, 2, 3 }, w => Assert.NotEqual("~", rhythm.Windows[w].Label));
        Assert.NotEqual("~", rhythm.Label);
        Assert.Equal(0.25, rhythm.Probabilities["~"], 2); // the unread window's quarter of the record
        Assert.DoesNotContain(analysis.Beats, b => b.Sample >= 30 * 360 && b.Sample < 60 * 360);
    }

    internal static EcgRecord Synthetic(double fs, IReadOnlyList<string> leads, int seconds, params (TimeSpan, TimeSpan)[] af) =>
        EcgSynthesizer.Generate(new SynthesisOptions
        {
            SamplingFrequency = fs, Leads = leads, Duration = TimeSpan.FromSeconds(seconds), AfEpisodes = af, Seed = 7,
        });

    private static string Json(AnalysisReport report) => JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    });

    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
