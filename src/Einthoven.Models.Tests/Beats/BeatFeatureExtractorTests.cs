using Einthoven.Models.Beats;

namespace Einthoven.Models.Tests.Beats;

public class BeatFeatureExtractorTests
{
    private const int Ectopic = 30;

    // 60 regular narrow beats every 0.8 s, with beat 30 a wide beat 0.3 s early.
    private static (Einthoven.Signal.Records.EcgRecord Record, long[] Beats) BeatTrain()
    {
        var beats = SyntheticEcg.Regular(60, 0.8);
        beats[Ectopic] -= (long)(0.3 * SyntheticEcg.Fs);
        var record = SyntheticEcg.Create(beats[^1] + (long)SyntheticEcg.Fs, beats.Select((b, i) => (b, i == Ectopic)));
        return (record, beats);
    }

    [Fact]
    public void Every_beat_gets_a_window_of_four_channels_and_the_named_features()
    {
        var (record, beats) = BeatTrain();
        var features = BeatFeatureExtractor.Extract(record, beats);
        Assert.Equal(beats.Length, features.Count);
        Assert.Equal(beats.Length * 4 * 90, features.Windows.Length);
        Assert.Equal(beats.Length * BeatInputLayout.BeatFeatureNames.Count, features.Features.Length);
        Assert.Equal(4 * 90, BeatInputLayout.InputSize);
        Assert.All(features.Windows, v => Assert.True(float.IsFinite(v)));
        Assert.All(features.Features, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void A_regular_beat_matches_the_dominant_beat_and_an_early_wide_one_does_not()
    {
        var (record, beats) = BeatTrain();
        var features = BeatFeatureExtractor.Extract(record, beats);
        var normal = features.FeatureRow(10);
        var ectopic = features.FeatureRow(Ectopic);
        // Correlation with the template (the first features after the rhythm ones) and the template-difference channels.
        const int correlation = BeatFeatureExtractor.RhythmFeatureCount;
        Assert.True(normal[correlation] > 0.99f && normal[correlation + 1] > 0.99f, $"normal beat correlation {normal[correlation]}, {normal[correlation + 1]}");
        Assert.True(ectopic[correlation] < 0.5f, $"ectopic correlation {ectopic[correlation]}");
        var normalDifference = MaxAbs(features.Window(10)[(2 * 90)..]);
        var ectopicDifference = MaxAbs(features.Window(Ectopic)[(2 * 90)..]);
        Assert.True(normalDifference < 0.05f, $"normal beat differs from the template by {normalDifference}");
        Assert.True(ectopicDifference > 0.5f, $"ectopic beat differs from the template by only {ectopicDifference}");
        // The plain lead-A window is scaled so the dominant QRS spans about 1.
        Assert.InRange(MaxAbs(features.Window(10)[..90]), 0.7f, 1.3f);
    }

    [Fact]
    public void Where_a_beats_window_runs_past_the_record_the_missing_part_reads_as_the_template()
    {
        // The first beat 0.1 s into the record (its window starts 0.3 s before it), the last 0.2 s before the end.
        var beats = SyntheticEcg.Regular(30, 0.8, start: 0.1);
        var record = SyntheticEcg.Create(beats[^1] + (long)(0.2 * SyntheticEcg.Fs), beats.Select(b => (b, false)));
        var features = BeatFeatureExtractor.Extract(record, beats);
        var missingBefore = BeatInputLayout.Before - (int)(0.1 * BeatInputLayout.SampleRate);
        var missingAfter = BeatInputLayout.After - (int)(0.2 * BeatInputLayout.SampleRate);
        for (var lead = 0; lead < BeatInputLayout.Leads; lead++)
        {
            var first = features.Window(0).Slice((BeatInputLayout.Leads + lead) * BeatInputLayout.Length, BeatInputLayout.Length);
            var last = features.Window(beats.Length - 1).Slice((BeatInputLayout.Leads + lead) * BeatInputLayout.Length, BeatInputLayout.Length);
            Assert.All(first[..(missingBefore - 1)].ToArray(), d => Assert.Equal(0f, d));
            Assert.All(last[^(missingAfter - 1)..].ToArray(), d => Assert.Equal(0f, d));
        }
        Assert.True(features.FeatureRow(0)[BeatFeatureExtractor.RhythmFeatureCount] > 0.99f, "the cut first beat still matches the template");
    }

    [Fact]
    public void Beats_are_compared_with_the_template_of_their_own_part_of_a_long_record()
    {
        // 12 minutes of regular beats whose shape changes after 6 minutes: each half matches its own local template.
        var beats = SyntheticEcg.Regular(900, 0.8);
        var changeAt = 6 * 60 * SyntheticEcg.Fs;
        var record = SyntheticEcg.Create(beats[^1] + (long)SyntheticEcg.Fs, beats.Select(b => (b, b > changeAt)));
        var features = BeatFeatureExtractor.Extract(record, beats);
        const int correlation = BeatFeatureExtractor.RhythmFeatureCount;
        foreach (var beat in new[] { 100, 300, 600, 800 })
            Assert.True(features.FeatureRow(beat)[correlation] > 0.99f, $"beat {beat}: correlation {features.FeatureRow(beat)[correlation]} with its local template");
    }

    [Fact]
    public void Rhythm_features_mark_the_premature_beat()
    {
        var (record, beats) = BeatTrain();
        var features = BeatFeatureExtractor.Extract(record, beats);
        var normal = features.FeatureRow(10);
        var ectopic = features.FeatureRow(Ectopic);
        Assert.Equal(0f, normal[0], 2);                      // pre / record
        Assert.Equal(MathF.Log(0.5f / 0.8f), ectopic[0], 2);   // pre / record
        Assert.Equal(MathF.Log(1.1f / 0.8f), ectopic[1], 2);   // post / record
        Assert.True(ectopic[3] < -0.4f && ectopic[4] > 0.25f); // pre and post / local
        Assert.Equal(MathF.Log(1.1f / 0.5f), ectopic[5], 2);   // post / pre
    }

    [Fact]
    public void A_single_lead_record_uses_its_lead_twice()
    {
        var (record, beats) = BeatTrain();
        var single = new Einthoven.Signal.Records.EcgRecord(record.Info with { Leads = [record.Info.Leads[0]] }, [record.Samples[0]]);
        var features = BeatFeatureExtractor.Extract(single, beats);
        var window = features.Window(5);
        Assert.True(window[..90].SequenceEqual(window[90..180]));
    }

    [Fact]
    public void Too_low_a_sampling_rate_is_refused_with_the_reason()
    {
        var (record, beats) = BeatTrain();
        var slow = new Einthoven.Signal.Records.EcgRecord(record.Info with { SamplingFrequency = 50 }, record.Samples);
        var error = Assert.Throws<ArgumentException>(() => BeatFeatureExtractor.Extract(slow, beats));
        Assert.Contains("sampling rate", error.Message);
    }

    private static float MaxAbs(ReadOnlySpan<float> values) => Math.Abs(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(values));
}
