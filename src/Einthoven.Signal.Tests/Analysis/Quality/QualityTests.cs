using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Analysis.Filters;
using Einthoven.Signal.Analysis.Quality;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;

namespace Einthoven.Signal.Tests.Analysis.Quality;

public class QualityTests
{
    private const double Fs = 360;

    private static QualityFeatures Features(double[] raw)
    {
        var filtered = ZeroPhaseFilter.Apply(Butterworth.BandPass(2, 0.5, 40, Fs), raw);
        var beats = QrsDetector.Detect(raw, Fs);
        return QualityFeatures.Compute(raw, filtered, Fs, 0.005, beats, []);
    }

    /// <summary>Synthetic lead II with 10 µV of amplifier noise (a mathematically flat baseline would count as lead-off).</summary>
    private static double[] CleanLead(int seconds = 10, int lead = 1, int seed = 3) =>
        new SyntheticEcg(Fs: Fs).Leads(seconds)[lead].Zip(Noise(seconds * (int)Fs, 0.01, seed), (a, b) => a + b).ToArray();

    private static double[] Noise(int n, double sd, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => sd * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())).ToArray();
    }

    [Fact]
    public void Clean_synthetic_ecg_is_interpretable()
    {
        var f = Features(CleanLead());
        Assert.NotEqual(QualityLevel.Inconclusive, QualityRules.Classify(f).Level);
        Assert.True(f.Kurtosis > 5);
        Assert.Equal(0, f.FlatFraction);
        Assert.Equal(0, f.SaturatedFraction);
    }

    [Fact]
    public void Gaussian_noise_is_inconclusive()
    {
        var f = Features(Noise(3600, 0.3, 1));
        var (level, reason) = QualityRules.Classify(f);
        Assert.Equal(QualityLevel.Inconclusive, level);
        Assert.NotNull(reason);
        Assert.True(f.Kurtosis < 4, $"kurtosis {f.Kurtosis}");
    }

    [Fact]
    public void Flat_line_is_inconclusive_and_says_why()
    {
        var (level, reason) = QualityRules.Classify(Features(new double[3600]));
        Assert.Equal(QualityLevel.Inconclusive, level);
        Assert.Contains("flat", reason);
    }

    [Fact]
    public void Clipped_signal_is_inconclusive()
    {
        var clipped = CleanLead().Select(v => Math.Clamp(v * 8, -0.4, 0.4)).ToArray();
        var f = Features(clipped);
        Assert.True(f.SaturatedFraction > 0.1, $"saturated {f.SaturatedFraction}");
        Assert.Equal(QualityLevel.Inconclusive, QualityRules.Classify(f).Level);
    }

    [Fact]
    public void Leads_that_disagree_on_beats_lose_their_grade()
    {
        var f = QualityFeatures.Compute(CleanLead(), CleanLead(), Fs, 0.005, [100, 400, 700, 1000], [[250, 550, 850, 1150]]);
        Assert.Equal(0, f.BeatAgreement);
        Assert.Equal(QualityLevel.Acceptable, QualityRules.Classify(f).Level); // peaky QRS: this lead keeps its beats
        var lessPeaky = new QualityFeatures(4.5, 0.6, 0.95, 0, 0, 0.2);
        Assert.Equal(QualityLevel.Inconclusive, QualityRules.Classify(lessPeaky).Level);
        Assert.NotEqual(QualityLevel.Inconclusive, QualityRules.Classify(lessPeaky with { BeatAgreement = 0.95 }).Level);
        Assert.Equal(1, QualityFeatures.Agreement([100, 400], [110, 395], Fs));
    }

    [Fact]
    public void A_fast_rhythm_the_other_leads_agree_on_is_not_noise_however_little_peaky()
    {
        // Sinus tachycardia at 150 bpm: kurtosis 2-3 on a clean lead, as on noise; other leads seeing the same beats tell them apart.
        var tachycardia = new QualityFeatures(2.5, 0.72, 0.94, 0, 0, 0.95, 0.14);
        Assert.Equal(QualityLevel.Acceptable, QualityRules.Classify(tachycardia).Level);
        Assert.Equal(QualityLevel.Inconclusive, QualityRules.Classify(tachycardia with { BeatAgreement = null }).Level);
        Assert.Equal(QualityLevel.Inconclusive, QualityRules.Classify(tachycardia with { BeatAgreement = 0.6 }).Level);
    }

    [Fact]
    public void Noisy_segment_in_a_record_is_excluded_and_the_rest_kept()
    {
        var leads = new[] { CleanLead(40, 1, 5), CleanLead(40, 0, 6) };
        var noise = Noise(3600, 0.5, 7);
        for (var i = 0; i < 3600; i++) { leads[0][3600 + i] = noise[i]; leads[1][3600 + i] = noise[(i + 1800) % 3600]; }
        var band = Butterworth.BandPass(2, 0.5, 40, Fs);
        var q = RecordQuality.Assess(leads, leads.Select(l => ZeroPhaseFilter.Apply(band, l)).ToArray(), [0.005, 0.005],
            leads.Select(l => QrsDetector.Detect(l, Fs)).ToArray(), Fs);
        Assert.Equal(4, q.Segments.Count);
        Assert.Equal(QualityLevel.Inconclusive, q.Segments[1].Level);
        Assert.False(q.IsInterpretable(5000));
        Assert.True(q.IsInterpretable(100));
        Assert.True(q.IsInterpretable(9000));
        Assert.Equal(3, q.Count(QualityLevel.Good) + q.Count(QualityLevel.Acceptable));
    }

    [Fact]
    public void Real_clean_mitdb_record_is_mostly_good()
    {
        using var reader = RecordFiles.Open(TestData.MitDbRecord("100"));
        var block = reader.Read(0, (int)(60 * Fs));
        var gain = reader.Info.Leads[0].Gain;
        var raw = block.Samples[0].Select(v => (v - reader.Info.Leads[0].Baseline) / gain).ToArray();
        var band = Butterworth.BandPass(2, 0.5, 40, Fs);
        var q = RecordQuality.Assess([raw], [ZeroPhaseFilter.Apply(band, raw)], [1 / gain], [QrsDetector.Detect(raw, Fs)], Fs);
        Assert.Equal(6, q.Segments.Count);
        Assert.True(q.Count(QualityLevel.Good) >= 5);
        Assert.Equal(0, q.Count(QualityLevel.Inconclusive));
    }

    [Fact]
    public void Steep_noise_between_the_beats_raises_the_inter_beat_noise()
    {
        var clean = CleanLead();
        var beats = QrsDetector.Detect(clean, Fs);
        var cleanRatio = InterBeatNoise.Measure(ZeroPhaseFilter.Apply(Butterworth.BandPass(2, 0.5, 40, Fs), clean), beats, Fs);
        // QRS-band noise (5-30 Hz) of 0.1 mV RMS, as electrode motion and muscle bring.
        var burst = CausalFilter.Apply(Butterworth.BandPass(2, 5, 30, Fs), Noise(clean.Length, 1, 11));
        var rms = Math.Sqrt(burst.Average(v => v * v));
        var noisy = clean.Zip(burst, (a, b) => a + 0.1 * b / rms).ToArray();
        var noisyRatio = InterBeatNoise.Measure(ZeroPhaseFilter.Apply(Butterworth.BandPass(2, 0.5, 40, Fs), noisy), beats, Fs);
        Assert.True(cleanRatio < 0.08, $"clean {cleanRatio:0.000}");
        Assert.True(noisyRatio > 0.15, $"noisy {noisyRatio:0.000}");
        Assert.Equal(0, InterBeatNoise.Measure(clean, [], Fs));
    }

    [Fact]
    public void Qrs_like_noise_is_inconclusive_when_the_leads_disagree_or_a_single_lead_shows_it_plainly()
    {
        var noisy = new QualityFeatures(Kurtosis: 8, SpectralRatio: 0.6, BaselineRatio: 0.9, FlatFraction: 0, SaturatedFraction: 0,
            BeatAgreement: 0.6, NoiseToQrs: 0.12);
        var (level, reason) = QualityRules.Classify(noisy);
        Assert.Equal(QualityLevel.Inconclusive, level);
        Assert.Contains("noise between the beats", reason);
        // The leads agree on the beats: the noise did not make any.
        Assert.NotEqual(QualityLevel.Inconclusive, QualityRules.Classify(noisy with { BeatAgreement = 0.95 }).Level);
        // Clearly peaky QRS complexes keep their beats.
        Assert.NotEqual(QualityLevel.Inconclusive, QualityRules.Classify(noisy with { Kurtosis = 20 }).Level);
        // A single lead must show more of it.
        Assert.NotEqual(QualityLevel.Inconclusive, QualityRules.Classify(noisy with { BeatAgreement = null }).Level);
        Assert.Equal(QualityLevel.Inconclusive, QualityRules.Classify(noisy with { BeatAgreement = null, NoiseToQrs = 0.15 }).Level);
    }
}
