using Einthoven.Evaluation.Qrs;
using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;
using Einthoven.TestSupport;

namespace Einthoven.Evaluation.Tests.Qrs;

/// <summary>The detector on real MIT-BIH records (the full 48-record protocol is <c>einthoven eval qrs</c>).</summary>
public class MitDbDetectionTests
{
    private static EcgRecord Read(string name) => RecordFiles.Read(TestData.MitDbRecord(name));

    [Fact]
    public void A_representative_set_of_hard_records_meets_the_protocol_target()
    {
        // Noise (105, 203, 228), tall P and T waves (108), flutter (207), PVC runs (203, 208, 210), pauses (232),
        // paced beats (104, 217), aberrated beats in atrial fibrillation (201).
        string[] records = ["100", "104", "105", "108", "201", "203", "207", "208", "210", "217", "228", "232"];
        var total = default(DetectionScore);
        foreach (var name in records)
        {
            var record = Read(name);
            var score = QrsProtocol.Evaluate(record.Annotations["atr"], QrsDetector.Detect(record), record.Info.SamplingFrequency).Score;
            Assert.True(score.F1 > 0.98, $"{name}: {score}");
            total += score;
        }
        Assert.True(total.Sensitivity >= 0.995 && total.PositivePredictivity >= 0.995, total.ToString());
    }

    [Theory]
    [InlineData("100")]
    [InlineData("103")]
    public void Detected_R_peaks_lie_on_the_annotated_ones(string name)
    {
        var record = Read(name);
        var beats = QrsDetector.Detect(record);
        var reference = QrsProtocol.ReferenceBeats(record.Annotations["atr"]);
        var match = BeatMatching.Match(reference, beats, BeatMatching.Window(360));
        Assert.Equal(reference.Length, match.Pairs.Count);
        var offsets = match.Pairs.Select(p => Math.Abs(beats[p.Detected] - reference[p.Reference])).Order().ToArray();
        // Within 10 ms for 95 % of the beats, and never more than 50 ms off.
        Assert.True(offsets[offsets.Length * 95 / 100] <= 0.010 * 360, $"95th percentile offset {offsets[offsets.Length * 95 / 100]} samples");
        Assert.True(offsets[^1] <= 0.050 * 360, $"largest offset {offsets[^1]} samples");
    }

    [Fact]
    public void Every_beat_is_reported_within_300_ms_of_its_R_peak()
    {
        var record = Read("208");
        var samples = record.Samples[0].AsSpan(0, 360 * 300);
        var detector = new StreamingQrsDetector(360, record.Info.Leads[0].Gain);
        var beats = new List<long>();
        var learning = (long)(StreamingQrsDetector.LearningSeconds * 360);
        var worst = 0L;
        for (var i = 0; i < samples.Length; i++)
        {
            var before = beats.Count;
            detector.Process(samples.Slice(i, 1), beats);
            for (var b = before; b < beats.Count; b++)
            {
                var delay = i - beats[b];
                // Beats found while learning are reported when learning ends; all later ones within 300 ms.
                if (beats[b] >= learning) worst = Math.Max(worst, delay);
                else Assert.True(i <= learning + 0.3 * 360, $"beat {beats[b]} of the learning period reported at {i}");
            }
        }
        Assert.True(beats.Count > 300, $"{beats.Count} beats");
        Assert.InRange(worst, 1, (long)(0.300 * 360));
    }

    [Fact]
    public void Streaming_a_noisy_record_in_uneven_chunks_equals_batch()
    {
        var record = Read("203");
        var digital = record.Samples[0];
        var batch = QrsDetector.Detect(record);
        var detector = new StreamingQrsDetector(360, record.Info.Leads[0].Gain);
        var streamed = new List<long>();
        var random = new Random(5);
        for (var at = 0; at < digital.Length;)
        {
            var size = Math.Min(random.Next(1, 5000), digital.Length - at);
            detector.Process(digital.AsSpan(at, size), streamed);
            at += size;
        }
        detector.Flush(streamed);
        Assert.Equal(batch, streamed);
    }

    [Theory]
    [InlineData("100")]
    [InlineData("119")]
    [InlineData("208")]
    public void A_record_that_starts_on_a_T_wave_starts_with_the_next_QRS(string name)
    {
        // Cut the record 0.25 s after each of 30 reference beats, where the T wave is, and detect on the next 10 s.
        var record = Read(name);
        var fs = record.Info.SamplingFrequency;
        var reference = QrsProtocol.ReferenceBeats(record.Annotations["atr"]);
        var gain = record.Info.Leads[0].Gain;
        var wrong = new List<string>();
        for (var k = 1; k <= 30; k++)
        {
            var cutAfter = reference[k * (reference.Length - 40) / 30];
            var start = cutAfter + (long)(0.25 * fs);
            var next = reference.First(r => r > start);
            var beats = QrsDetector.Detect(record.Samples[0].AsSpan((int)start, (int)(10 * fs)), fs, gain);
            if (beats.Length == 0 || Math.Abs(start + beats[0] - next) > 0.15 * fs) wrong.Add($"cut at {start}: first beat {start + beats.FirstOrDefault()}, next reference {next}");
        }
        Assert.True(wrong.Count <= 1, string.Join("; ", wrong));
    }
}
