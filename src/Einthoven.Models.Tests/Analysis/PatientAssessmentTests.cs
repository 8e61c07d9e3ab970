using Einthoven.Models.Analysis;
using Einthoven.Models.Pacemaker;
using Einthoven.Models.TwelveLead;
using Einthoven.Signal.Analysis;
using Einthoven.Signal.Analysis.Measurements;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;

namespace Einthoven.Models.Tests.Analysis;

/// <summary>Each rule of the patient's plain-words assessment on synthetic reports, and two real PTB-XL records end to end.</summary>
public class PatientAssessmentTests
{
    /// <summary>A clean normal recording: sinus rhythm at 70 bpm, no ectopic beats, normal intervals, good quality.</summary>
    private static AnalysisReport Normal() => AnalysisReportJsonTests.Full() with
    {
        Beats = new BeatCounts(1000, 1000, new Dictionary<string, int> { ["N"] = 1000, ["S"] = 0, ["V"] = 0, ["F"] = 0, ["Q"] = 0 }),
        HeartRate = new RateSummary(70, 60, 85, 999),
        Rhythm = new RhythmVerdict("N", "normal sinus rhythm", new Dictionary<string, double> { ["N"] = 0.9 }, "MLII", 0, [], null, "einthoven-rhythm 1"),
    };

    private static AnalysisReport WithBeats(int v, int s) =>
        Normal() with { Beats = new BeatCounts(1000, 1000, new Dictionary<string, int> { ["N"] = 1000 - v - s, ["S"] = s, ["V"] = v, ["F"] = 0, ["Q"] = 0 }) };

    private static AnalysisReport WithStatements(params string[] present) => Normal() with
    {
        Statements = new TwelveLeadPrediction("twelve-lead-1", new[] { "NORM", "MI", "STTC", "CD", "HYP", "AFIB" }
            .Select(c => new StatementProbability(c, c, present.Contains(c) ? 0.9 : 0.1, 0.5, present.Contains(c))).ToList(), []),
    };

    private static string[] Keys(IEnumerable<AssessmentMessage> messages) => messages.Select(m => m.Key.Split('.').Last()).ToArray();

    [Fact]
    public void A_normal_recording_needs_nothing()
    {
        var a = PatientAssessment.Of(Normal());
        Assert.Equal("none", a.Urgency);
        Assert.Equal(["normal"], Keys(a.Findings));
        Assert.Equal(["none", "emergency"], Keys(a.Steps));
        Assert.False(a.SuggestBooking);
        Assert.Equal("assessment.notMedicalDevice", a.DisclaimerKey);
        Assert.Equal(RecordMeasurements.NotAMedicalDevice, a.Disclaimer);
    }

    [Theory]
    [InlineData(160, "veryFastRate", "urgent")]
    [InlineData(150, "veryFastRate", "urgent")]
    [InlineData(38, "verySlowRate", "urgent")]
    [InlineData(40, "verySlowRate", "urgent")]
    [InlineData(120, "fastRate", "soon")]
    [InlineData(45, "slowRate", "routine")]
    public void Heart_rate(double bpm, string finding, string urgency)
    {
        var a = PatientAssessment.Of(Normal() with { HeartRate = new RateSummary(bpm, bpm - 5, bpm + 5, 100) });
        Assert.Equal(urgency, a.Urgency);
        var f = Assert.Single(a.Findings);
        Assert.Equal(finding, Keys([f])[0]);
        Assert.Equal(bpm, f.Params["bpm"]);
        Assert.Equal(urgency, Keys(a.Steps)[0]);
        Assert.Equal(urgency is "urgent" or "soon", a.SuggestBooking);
    }

    [Fact]
    public void Atrial_fibrillation_is_seen_soon_with_its_burden()
    {
        var a = PatientAssessment.Of(AnalysisReportJsonTests.Full());
        Assert.Equal("soon", a.Urgency);
        Assert.Contains(a.Findings, f => f.Key == "assessment.finding.atrialFibrillationPart" && f.Params["percent"] == 50);
        Assert.Equal(["soon", "emergency"], Keys(a.Steps));
        Assert.True(a.SuggestBooking);
        var whole = PatientAssessment.Of(Normal() with { Rhythm = Normal().Rhythm! with { Label = "A", AfBurden = 1 } });
        Assert.Equal(["atrialFibrillation"], Keys(whole.Findings));
    }

    [Theory]
    [InlineData(400, 0, "manyVentricularBeats", "urgent")]
    [InlineData(150, 0, "frequentVentricularBeats", "soon")]
    [InlineData(20, 0, "someVentricularBeats", "routine")]
    [InlineData(0, 150, "frequentAtrialBeats", "soon")]
    [InlineData(0, 20, "someAtrialBeats", "routine")]
    [InlineData(5, 5, "normal", "none")]
    public void Ectopic_beats_by_share(int v, int s, string finding, string urgency)
    {
        var a = PatientAssessment.Of(WithBeats(v, s));
        Assert.Equal(urgency, a.Urgency);
        Assert.Equal([finding], Keys(a.Findings));
    }

    [Theory]
    [InlineData(500, "longQtc", "soon")]
    [InlineData(480, "longQtc", "soon")]
    [InlineData(465, "borderlineQtc", "routine")]
    public void Long_qtc(double qtc, string finding, string urgency)
    {
        var a = PatientAssessment.Of(Normal() with { Intervals = Normal().Intervals! with { QtcBazettMs = qtc } });
        Assert.Equal(urgency, a.Urgency);
        Assert.Equal([finding], Keys(a.Findings));
        Assert.Equal(qtc, a.Findings[0].Params["ms"]);
    }

    [Fact]
    public void Wide_qrs_is_routine() =>
        Assert.Equal(["wideQrs"], Keys(PatientAssessment.Of(Normal() with { Intervals = Normal().Intervals! with { QrsMs = 130 } }).Findings));

    [Fact]
    public void Twelve_lead_statements_are_seen_soon()
    {
        var a = PatientAssessment.Of(WithStatements("MI", "HYP", "NORM"));
        Assert.Equal("soon", a.Urgency);
        Assert.Equal(["statementMi", "statementHyp"], Keys(a.Findings));
        Assert.Equal(["atrialFibrillation"], Keys(PatientAssessment.Of(WithStatements("AFIB")).Findings));
        Assert.Equal("none", PatientAssessment.Of(WithStatements("NORM")).Urgency);
    }

    [Fact]
    public void A_paced_rhythm_is_routine_and_its_wide_qrs_and_other_rhythm_are_not_findings()
    {
        var paced = Normal() with
        {
            Pacing = new PacingSummary(true, 0.9, 800),
            Rhythm = Normal().Rhythm! with { Label = "O" },
            Intervals = Normal().Intervals! with { QrsMs = 160 },
            Pacemaker = new PacemakerVerdict(true, 0.99, "spikes", "pacemaker-1"),
        };
        var a = PatientAssessment.Of(paced);
        Assert.Equal("routine", a.Urgency);
        Assert.Equal(["paced"], Keys(a.Findings));
        Assert.Equal(["routine", "emergency"], Keys(a.Steps));
    }

    [Fact]
    public void Other_rhythm_is_routine() =>
        Assert.Equal("routine", PatientAssessment.Of(Normal() with { Rhythm = Normal().Rhythm! with { Label = "O" } }).Urgency);

    [Fact]
    public void An_unreadable_recording_is_recorded_again_and_says_how()
    {
        var a = PatientAssessment.Of(AnalysisReportJsonTests.Inconclusive());
        Assert.Equal("repeat", a.Urgency);
        Assert.Equal(["unreadable"], Keys(a.Findings));
        Assert.Equal(["repeat", "repeatHow", "emergency"], Keys(a.Steps));
        Assert.False(a.SuggestBooking);
    }

    [Fact]
    public void An_unclear_rhythm_with_a_fast_rate_asks_for_both()
    {
        var a = PatientAssessment.Of(Normal() with { Rhythm = Normal().Rhythm! with { Label = "~" }, HeartRate = new RateSummary(170, 150, 190, 100) });
        Assert.Equal("urgent", a.Urgency);
        Assert.Equal(["rhythmUnclear", "veryFastRate"], Keys(a.Findings));
        Assert.Equal(["urgent", "repeat", "repeatHow", "emergency"], Keys(a.Steps));
        Assert.True(a.SuggestBooking);
    }

    private static AnalysisReport PtbXl(int id) =>
        ModelAnalyzer.Shipped.Analyze(RecordFiles.Read(Path.Combine(TestData.PtbXl, "records100", "00000", $"{id:00000}_lr.hea"))).Report;

    /// <summary>
    /// PTB-XL 17 (AFLT, AFIB): atrial fibrillation/flutter at a mean of about 152 bpm. The AF alone is "soon"; the rate
    /// at or above 150 makes it "urgent", as a rapid ventricular response is.
    /// </summary>
    [Fact]
    public void Ptb_xl_17_fast_atrial_fibrillation_is_urgent()
    {
        var a = PatientAssessment.Of(PtbXl(17));
        Assert.Equal("urgent", a.Urgency);
        Assert.Contains(a.Findings, f => f.Key == "assessment.finding.atrialFibrillation" && f.Urgency == "soon");
        Assert.Contains(a.Findings, f => f.Key == "assessment.finding.veryFastRate" && f.Params["bpm"] >= 150);
        Assert.Equal("urgent", Keys(a.Steps)[0]);
        Assert.True(a.SuggestBooking);
    }

    [Fact]
    public void Ptb_xl_1_a_normal_ecg_needs_no_doctor_soon()
    {
        var a = PatientAssessment.Of(PtbXl(1));
        Assert.Contains(a.Urgency, new[] { "none", "routine" });
        Assert.False(a.SuggestBooking);
    }
}
