using Einthoven.Evaluation.Databases;
using Einthoven.Evaluation.Delineation;
using Einthoven.Signal.Analysis.Delineation;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;
using Einthoven.TestSupport;

namespace Einthoven.Evaluation.Tests.Delineation;

/// <summary>
/// Delineation against LUDB's experts on its first 25 records (the full run is <c>einthoven eval delineation</c>;
/// figures in docs/BENCHMARKS.md), and the reading and matching behind it.
/// </summary>
public class LudbDelineationTests
{
    private static readonly Lazy<IReadOnlyList<LudbDelineationResult>> Subset = new(() => LudbDelineationEvaluation.Run(TestData.Ludb, limit: 25));

    private static LudbDelineationResult Median => Subset.Value.Single(r => r.Reference == GlobalRule.MedianOfLeads);

    [Theory]
    [InlineData("P onset", 10, 25)]
    [InlineData("P offset", 10, 20)]
    [InlineData("QRS onset", 10, 14)]
    [InlineData("QRS offset", 10, 14)]
    [InlineData("T offset", 25, 40)]
    public void Fiducial_errors_stay_within_the_IEC_means(string point, double maxAbsMeanMs, double maxSdMs)
    {
        var e = Median.Fiducials.Single(f => f.Measure == point);
        Assert.True(e.Count >= 150, $"{point}: {e.Count} matched");
        Assert.True(Math.Abs(e.MeanMs) <= maxAbsMeanMs, $"{point}: mean {e.MeanMs:0.0} ms");
        Assert.True(e.SdMs <= maxSdMs, $"{point}: SD {e.SdMs:0.0} ms");
    }

    [Theory]
    [InlineData("PR", 10, 12)]
    [InlineData("QRS", 10, 18)]
    [InlineData("QT", 15, 25)]
    public void Median_beat_intervals_agree_with_the_experts(string interval, double maxAbsMeanMs, double maxSdMs)
    {
        var e = Median.RecordIntervals.Single(f => f.Measure == interval);
        Assert.True(e.Count >= 20, $"{interval}: {e.Count} records");
        Assert.True(Math.Abs(e.MeanMs) <= maxAbsMeanMs && e.SdMs <= maxSdMs, $"{interval}: {e.MeanMs:0.0} ± {e.SdMs:0.0} ms");
    }

    [Fact]
    public void Waves_are_found_and_real()
    {
        foreach (var d in Median.Detection)
        {
            Assert.True(d.SensitivityPercent >= 95, $"{d.Wave} Se {d.SensitivityPercent:0.0} %");
            Assert.True(d.PositivePredictivityPercent >= 95, $"{d.Wave} +P {d.PositivePredictivityPercent:0.0} %");
        }
    }

    [Fact]
    public void The_reader_lists_and_reads_the_twelve_per_lead_annotation_files()
    {
        var record = RecordFiles.Read(Path.Combine(TestData.Ludb, "data", "1.hea"));
        Assert.Equal(Ludb.LeadAnnotators.Order(), record.Annotations.Keys.Intersect(Ludb.LeadAnnotators).Order());
        var ii = Ludb.Waves(record.Annotations["ii"]);
        Assert.Equal(new ExpertWave(WaveKind.Qrs, new Wave(644, 662, 682)), ii[0]);
        Assert.Equal(new ExpertWave(WaveKind.P, new Wave(1250, 1278, 1302)), ii[2]);
        Assert.Equal(record.Annotations["ii"].Count, 3 * ii.Count);
    }

    [Fact]
    public void Waves_need_a_complete_triplet_and_merge_across_leads_by_either_rule()
    {
        Annotation A(long at, string symbol) => Annotation.FromSymbol(at, symbol);
        var lead = Ludb.Waves([A(5, "N"), A(10, "("), A(20, "p"), A(30, ")"), A(40, "("), A(50, "N"), A(70, "("), A(80, "t"), A(90, ")")]);
        Assert.Equal([new ExpertWave(WaveKind.P, new Wave(10, 20, 30)), new ExpertWave(WaveKind.T, new Wave(70, 80, 90))], lead);
        IReadOnlyList<ExpertWave>[] leads =
        [
            [new(WaveKind.Qrs, new Wave(100, 120, 150)), new(WaveKind.Qrs, new Wave(500, 520, 550))],
            [new(WaveKind.Qrs, new Wave(90, 118, 140))],
            [new(WaveKind.Qrs, new Wave(104, 125, 160))],
        ];
        Assert.Equal([new Wave(90, 120, 160), new Wave(500, 520, 550)], Ludb.Global(leads, GlobalRule.EarliestToLatest).Select(w => w.Wave));
        Assert.Equal([new Wave(100, 120, 150), new Wave(500, 520, 550)], Ludb.Global(leads, GlobalRule.MedianOfLeads).Select(w => w.Wave));
    }

    [Fact]
    public void Matching_pairs_closest_peaks_one_to_one_within_the_tolerance()
    {
        Wave W(int peak) => new(peak - 10, peak, peak + 10);
        var pairs = WaveMatching.Match([W(100), W(500), W(900)], [W(110), W(130), W(560), W(1200)], tolerance: 75);
        Assert.Equal([(0, 0), (1, 2)], pairs);
        var detection = new WaveDetection("P", Expert: 3, Detected: 4, Matched: pairs.Count);
        Assert.Equal(200.0 / 3, detection.SensitivityPercent, 6);
        Assert.Equal(50, detection.PositivePredictivityPercent, 6);
    }

    [Fact]
    public void Ludb_is_told_by_its_files()
    {
        Assert.True(Ludb.IsLudb(TestData.Ludb));
        Assert.False(Ludb.IsLudb(TestData.PtbXl));
        var dir = TestData.TempDir();
        File.WriteAllText(Path.Combine(dir, "RECORDS"), "data/7\n");
        Assert.False(Ludb.IsLudb(dir));
        Directory.CreateDirectory(Path.Combine(dir, "data"));
        foreach (var lead in Ludb.LeadAnnotators) File.WriteAllBytes(Path.Combine(dir, "data", "7." + lead), [0, 0]);
        Assert.True(Ludb.IsLudb(dir));
    }

    [Fact]
    public void A_record_without_lead_annotations_is_reported()
    {
        var info = new RecordInfo { Name = "x", SamplingFrequency = 500, SampleCount = 10, Leads = [new LeadInfo { Name = "i" }] };
        var e = Assert.Throws<SignalFormatException>(() => Ludb.GlobalWaves(new EcgRecord(info, [new int[10]]), GlobalRule.MedianOfLeads));
        Assert.Equal("annotations", e.Field);
    }
}
