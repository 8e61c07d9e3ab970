using System.Text.Json;
using Einthoven.Models.Analysis;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;
using Einthoven.Signal.Synthesis;
using Einthoven.TestSupport;

namespace Einthoven.Models.Tests.Analysis;

public class LongRecordAnalyzerTests
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    [Fact]
    public void Mitbih_100_read_through_its_reader_is_one_segment_and_analysed_exactly_as_the_whole_record()
    {
        var path = TestData.MitDbRecord("100");
        var whole = ModelAnalyzer.Shipped.Analyze(RecordFiles.Read(path));
        using var reader = RecordFiles.Open(path);
        Assert.Single(AnalysisSegments.Plan(reader.Info, LongRecordAnalyzer.SegmentSamples));
        var streamed = ModelAnalyzer.Shipped.Analyze(reader);
        Assert.Equal(JsonSerializer.Serialize(whole.Report, Json), JsonSerializer.Serialize(streamed.Report, Json));
        Assert.Equal(whole.ToAnnotations(), streamed.ToAnnotations());
    }

    [Fact]
    public void Segments_tile_the_record_within_the_budget_with_overlaps_and_no_short_remainder()
    {
        // The largest allowed recording: 24 h, 12 leads, 250 Hz.
        var info = Info(250, 12, 24 * 3600 * 250L);
        var segments = AnalysisSegments.Plan(info, LongRecordAnalyzer.SegmentSamples);
        Assert.InRange(segments.Count, 40, 50);
        Assert.Equal(0, segments[0].CoreStart);
        Assert.Equal(info.SampleCount, segments[^1].CoreEnd);
        for (var i = 0; i < segments.Count; i++)
        {
            var s = segments[i];
            Assert.True((long)s.Length * 12 <= LongRecordAnalyzer.SegmentSamples, $"segment {i} holds {s.Length} samples per lead");
            Assert.Equal(0, s.CoreStart % (30 * 250)); // on the rhythm windows' 30-s grid
            Assert.True(s.CoreEnd - s.CoreStart >= 60 * 250);
            if (i > 0) Assert.Equal((segments[i - 1].CoreEnd, s.CoreStart - 30 * 250), (s.CoreStart, s.Start));
            if (i < segments.Count - 1) Assert.Equal(s.CoreEnd + 30 * 250, s.End);
        }

        // A remainder under a minute joins the last core.
        var odd = AnalysisSegments.Plan(Info(360, 2, 10 * 60 * 360 + 20 * 360), 2 * 4 * 60 * 360);
        Assert.Equal(odd[^1].CoreEnd, odd[^1].End);
        Assert.True(odd[^1].CoreEnd - odd[^1].CoreStart >= 60 * 360);
    }

    [Fact]
    public void A_record_analysed_in_segments_keeps_every_beat_once_and_its_windows_and_quality_segments_tile_it()
    {
        var record = EcgSynthesizer.Generate(new SynthesisOptions
        {
            Name = "long", Duration = TimeSpan.FromMinutes(16), PvcProbability = 0.05, MeanHeartRate = 75, Seed = 3,
            AfEpisodes = [(TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(4))],
        });
        using var reader = new InMemoryReader(record);
        const long budget = 2 * 6 * 60 * 360; // 6 minutes of 2 leads: four segments of 4 minutes and their overlaps
        Assert.Equal(4, AnalysisSegments.Plan(record.Info, budget).Count);
        var segmented = LongRecordAnalyzer.Analyze(ModelAnalyzer.Shipped, reader, segmentSamples: budget);
        var whole = ModelAnalyzer.Shipped.Analyze(record);

        var truth = record.Annotations["atr"].Where(a => a.IsBeat).Select(a => a.Sample).ToArray();
        var beats = segmented.Beats.Select(b => b.Sample).ToArray();
        Assert.True(beats.Zip(beats.Skip(1)).All(p => p.Second - p.First > 0.2 * 360), "beats ascend, none doubled");
        Assert.Equal(Matched(truth, whole.Beats.Select(b => b.Sample).ToArray()), Matched(truth, beats), tolerance: 2);
        Assert.Equal(segmented.Report.Beats.ByClass.Values.Sum(), beats.Length);
        Assert.InRange(segmented.Report.Beats.Detected, whole.Report.Beats.Detected - 2, whole.Report.Beats.Detected + 2);
        Assert.Equal(whole.Report.HeartRate!.MeanBpm, segmented.Report.HeartRate!.MeanBpm, tolerance: 0.5);
        Assert.Equal(whole.Report.HrvTime!.Sdnn, segmented.Report.HrvTime!.Sdnn, tolerance: 0.05 * whole.Report.HrvTime.Sdnn);

        var windows = segmented.Report.Rhythm!.Windows;
        Assert.Equal(whole.Report.Rhythm!.Windows.Select(w => (w.StartSeconds, w.EndSeconds)), windows.Select(w => (Math.Round(w.StartSeconds, 9), Math.Round(w.EndSeconds, 9))));
        Assert.Equal(whole.Report.Rhythm.Label, segmented.Report.Rhythm.Label);
        Assert.Equal(whole.Report.Rhythm.AfBurden!.Value, segmented.Report.Rhythm.AfBurden!.Value, tolerance: 0.07);
        var quality = segmented.Report.Quality;
        Assert.Equal(whole.Report.Quality.Segments.Select(s => (s.StartSeconds, s.EndSeconds)), quality.Segments.Select(s => (Math.Round(s.StartSeconds, 9), Math.Round(s.EndSeconds, 9))));
        Assert.Equal(quality.Segments.Count, quality.Good + quality.Acceptable + quality.Inconclusive);
        Assert.NotNull(segmented.Report.Intervals);
        Assert.Contains(segmented.ToAnnotations(), a => a.Code == AnnotationCodes.Rhythm && a.Aux == "(AFIB");
    }

    /// <summary>How many true beats have a found beat within 150 ms.</summary>
    private static int Matched(long[] truth, long[] found) =>
        truth.Count(t => found.Any(f => Math.Abs(f - t) <= 0.15 * 360));

    private static RecordInfo Info(double fs, int leads, long samples) => new()
    {
        Name = "r", SamplingFrequency = fs, SampleCount = samples,
        Leads = Enumerable.Range(0, leads).Select(i => new LeadInfo { Name = $"L{i}" }).ToArray(),
    };
}
