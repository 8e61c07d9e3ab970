using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Formats;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Einthoven.Signal.Tests.Analysis.Detection;

public class StreamingQrsDetectorTests
{
    [Theory]
    [InlineData(250)]
    [InlineData(360)]
    [InlineData(500)]
    [InlineData(1000)]
    public void Synthetic_beats_are_all_found_on_their_R_peak_at_any_rate(double fs)
    {
        var (signal, peaks) = SyntheticEcg.Make(fs, 60, seed: 7);
        var beats = QrsDetector.Detect(signal, fs);
        var match = BeatMatching.Match(peaks, beats, BeatMatching.Window(fs));
        Assert.Equal(new DetectionScore(peaks.Length, 0, 0), match.Score);
        // The R peak itself, within 10 ms.
        Assert.All(match.Pairs, p => Assert.InRange(beats[p.Detected] - peaks[p.Reference], -0.01 * fs, 0.01 * fs));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Detecting_through_a_reader_window_by_window_finds_the_beats_of_the_whole_lead(int lead)
    {
        var path = Einthoven.TestSupport.TestData.MitDbRecord("208");
        using var reader = RecordFiles.Open(path);
        var streamed = QrsDetector.Detect(reader, lead);
        Assert.True(streamed.Length > 1500, $"{streamed.Length} beats");
        Assert.Equal(QrsDetector.Detect(RecordFiles.Read(path), lead), streamed);
        Assert.Throws<ArgumentOutOfRangeException>(() => QrsDetector.Detect(reader, 2));
    }

    [Fact]
    public void Tall_T_waves_are_not_beats()
    {
        var (signal, peaks) = SyntheticEcg.Make(360, 60, seed: 3, tWaveMv: 1.0, qrsMv: 1.0);
        var beats = QrsDetector.Detect(signal, 360);
        Assert.Equal(new DetectionScore(peaks.Length, 0, 0), BeatMatching.Match(peaks, beats, 54).Score);
    }

    [Fact]
    public void A_flat_line_and_low_level_noise_give_no_beats()
    {
        Assert.Empty(QrsDetector.Detect(new double[36000], 360));
        var random = new Random(1);
        var noise = Enumerable.Range(0, 36000).Select(_ => (random.NextDouble() - 0.5) * 0.005).ToArray();
        Assert.Empty(QrsDetector.Detect(noise, 360));
    }

    [Fact]
    public void Digital_input_with_its_gain_equals_physical_input()
    {
        var (signal, _) = SyntheticEcg.Make(360, 30, seed: 11);
        var digital = signal.Select(v => (int)Math.Round(v * 200 + 1024)).ToArray();
        Assert.Equal(QrsDetector.Detect(signal, 360), QrsDetector.Detect(digital, 360, 200));
    }

    [Property(MaxTest = 25)]
    public bool Streaming_in_any_chunks_equals_batch(PositiveInt seed, NonEmptyArray<PositiveInt> chunkSizes)
    {
        var (signal, _) = SyntheticEcg.Make(360, 20, seed.Get % 1000);
        var random = new Random(seed.Get);
        for (var i = 0; i < signal.Length; i++) signal[i] += (random.NextDouble() - 0.5) * 0.1;
        var batch = QrsDetector.Detect(signal, 360);

        var detector = new StreamingQrsDetector(360);
        var streamed = new List<long>();
        var at = 0;
        for (var c = 0; at < signal.Length; c++)
        {
            var size = Math.Min(chunkSizes.Get[c % chunkSizes.Get.Length].Get % 700 + 1, signal.Length - at);
            detector.Process(signal.AsSpan(at, size), streamed);
            at += size;
        }
        detector.Flush(streamed);
        return batch.SequenceEqual(streamed);
    }

    [Fact]
    public void Missing_samples_hold_the_last_value_instead_of_poisoning_the_filters()
    {
        var (signal, peaks) = SyntheticEcg.Make(360, 60, seed: 5);
        // A 0.1 s gap of NaN between two beats, and a stray infinity.
        var gapAt = (int)((peaks[40] + peaks[41]) / 2);
        for (var i = gapAt; i < gapAt + 36; i++) signal[i] = double.NaN;
        signal[gapAt + 2000] = double.PositiveInfinity;
        var beats = QrsDetector.Detect(signal, 360);
        Assert.Equal(new DetectionScore(peaks.Length, 0, 0), BeatMatching.Match(peaks, beats, 54).Score);
    }

    [Fact]
    public void Bad_settings_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StreamingQrsDetector(20));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StreamingQrsDetector(360, unitsPerMillivolt: 0));
    }
}
