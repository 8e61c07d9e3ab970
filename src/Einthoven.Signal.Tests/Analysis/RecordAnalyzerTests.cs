using Einthoven.Signal.Analysis;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;
using Einthoven.TestSupport;

namespace Einthoven.Signal.Tests.Analysis;

public class RecordAnalyzerTests
{
    /// <summary>The first <paramref name="seconds"/> of a MIT-BIH record with its reference annotations.</summary>
    private static EcgRecord MitDbStart(string name, double seconds)
    {
        using var reader = RecordFiles.Open(TestData.MitDbRecord(name));
        var n = (int)(seconds * reader.Info.SamplingFrequency);
        var block = reader.Read(0, n);
        return new EcgRecord(reader.Info with { SampleCount = n }, block.Samples,
            new Dictionary<string, IReadOnlyList<Annotation>> { ["atr"] = reader.ReadAnnotations("atr").Where(a => a.Sample < n).ToArray() });
    }

    [Fact]
    public void Mitdb_100_rate_hrv_and_intervals_are_plausible()
    {
        var record = MitDbStart("100", 300);
        var reference = record.Annotations["atr"].Count(a => a.IsBeat);
        var r = RecordAnalyzer.Analyze(record);
        Assert.InRange(r.DetectedBeats, reference - 3, reference + 3);
        Assert.InRange(r.HeartRate!.MeanBpm, 70, 80);
        Assert.InRange(r.HrvTime!.Sdnn, 20, 80);
        Assert.NotNull(r.HrvFrequency);
        Assert.InRange(r.Intervals!.QrsMs, 60, 110);
        Assert.InRange(r.Intervals.PrMs!.Value, 120, 220);
        Assert.Null(r.Intervals.QrsAxis); // MLII and V5: only one limb lead
        Assert.Equal("good", r.Quality.Overall);
        Assert.False(r.Pacing.PacedRhythm);
        Assert.Contains("not a certified medical device", r.Disclaimer);
    }

    [Fact]
    public void A_record_with_a_third_of_its_beats_ventricular_still_gets_the_intervals_of_its_normal_beat()
    {
        // MIT-BIH 208: ventricular couplets, bigeminy and fusion beats; its normal beats are narrow.
        var r = RecordAnalyzer.Analyze(MitDbStart("208", 300));
        Assert.NotNull(r.Intervals);
        Assert.InRange(r.Intervals!.QrsMs, 50, 110);
        Assert.InRange(r.Intervals.QtMs!.Value, 300, 460);
    }

    [Fact]
    public void Twelve_lead_record_gets_axes_and_intervals()
    {
        var r = RecordAnalyzer.Analyze(RecordFiles.Read(Path.Combine(TestData.PtbXl, "records100", "00000", "00001_lr.hea")));
        Assert.Equal(12, r.Leads.Count);
        Assert.InRange(r.HeartRate!.MeanBpm, 55, 75);
        Assert.Null(r.HrvFrequency); // 10 s is too short for LF
        Assert.InRange(r.Intervals!.QrsAxis!.Value, -30, 90);
        Assert.NotNull(r.Intervals.TAxis);
        Assert.Single(r.Quality.Segments);
    }

    [Fact]
    public void A_paper_ecg_read_back_as_3x4_is_analysed_on_its_rhythm_strip()
    {
        // Each lead is 0 outside its 2.5 s column: compared where they carry a signal, the leads agree with lead II.
        var record = RecordFiles.Read(Path.Combine(TestData.PtbXl, "records100", "00000", "00001_lr.hea"));
        var whole = RecordAnalyzer.Analyze(record);
        var paper = RecordAnalyzer.Analyze(PaperLayoutMask.ThreeByFour(record));
        Assert.Equal("II", paper.Quality.RhythmLead);
        Assert.NotEqual("inconclusive", paper.Quality.Overall);
        Assert.Equal(whole.DetectedBeats, paper.AnalysedBeats);
        Assert.InRange(paper.HeartRate!.MeanBpm, whole.HeartRate!.MeanBpm - 1, whole.HeartRate.MeanBpm + 1);
        // Measured on lead II alone (the only lead printed throughout): no axes, PR and QT near the 12 leads' own.
        Assert.InRange(paper.Intervals!.PrMs!.Value, whole.Intervals!.PrMs!.Value - 20, whole.Intervals.PrMs.Value + 20);
        Assert.InRange(paper.Intervals.QtMs!.Value, whole.Intervals.QtMs!.Value - 30, whole.Intervals.QtMs.Value + 30);
        Assert.Null(paper.Intervals.QrsAxis);
    }

    [Fact]
    public void Flat_record_is_inconclusive_and_measures_nothing()
    {
        var info = new RecordInfo
        {
            Name = "flat", SamplingFrequency = 250, SampleCount = 250 * 30,
            Leads = [new LeadInfo { Name = "II", Gain = 200 }],
        };
        var r = RecordAnalyzer.Analyze(new EcgRecord(info, [new int[250 * 30]]));
        Assert.Equal("inconclusive", r.Quality.Overall);
        Assert.Equal(0, r.AnalysedBeats);
        Assert.Null(r.HeartRate);
        Assert.Null(r.Intervals);
    }

    [Fact]
    public void Too_short_or_empty_records_are_refused_with_the_field()
    {
        var info = new RecordInfo { Name = "short", SamplingFrequency = 250, SampleCount = 100, Leads = [new LeadInfo { Name = "II" }] };
        var e = Assert.Throws<SignalFormatException>(() => RecordAnalyzer.Analyze(new EcgRecord(info, [new int[100]])));
        Assert.Equal("length", e.Field);
    }
}
