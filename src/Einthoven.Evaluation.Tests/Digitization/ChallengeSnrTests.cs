using Einthoven.Evaluation.Digitization;

namespace Einthoven.Evaluation.Tests.Digitization;

public class ChallengeSnrTests
{
    private const double Fs = 100;

    /// <summary>10 s of an ECG-like signal at 100 Hz: a sharp spike every 0.83 s on a slow wave, so every shift looks different.</summary>
    private static double[] Ecg(int n = 1000) => Enumerable.Range(0, n).Select(i =>
    {
        var t = i / Fs;
        var phase = t % 0.83;
        return 0.15 * Math.Sin(2 * Math.PI * 0.3 * t) + 1.2 * Math.Exp(-Math.Pow((phase - 0.2) / 0.012, 2))
            - 0.25 * Math.Exp(-Math.Pow((phase - 0.23) / 0.01, 2)) + 0.3 * Math.Exp(-Math.Pow((phase - 0.5) / 0.05, 2));
    }).ToArray();

    [Fact]
    public void An_identical_signal_has_infinite_snr_and_no_shift()
    {
        var ecg = Ecg();
        var score = ChallengeSnr.Score(ecg, ecg.ToArray(), Fs);
        Assert.Equal(double.PositiveInfinity, score.Db);
        Assert.Equal(0, score.ShiftSamples);
        Assert.Equal(0, score.ShiftMv);
    }

    [Fact]
    public void Known_noise_gives_the_known_snr()
    {
        // A 1 mV sine has power 0.5; alternating +-0.1 mV noise has power 0.01: 10 log10(50) = 16.99 dB.
        var sine = Enumerable.Range(0, 1000).Select(i => Math.Sin(2 * Math.PI * i / 100.0 + 0.3)).ToArray();
        var noisy = sine.Select((v, i) => v + (i % 2 == 0 ? 0.1 : -0.1)).ToArray();
        Assert.Equal(10 * Math.Log10(50), ChallengeSnr.Measure(sine, noisy).Db, 1);
        var halfNoise = sine.Select((v, i) => v + (i % 2 == 0 ? 0.05 : -0.05)).ToArray();
        Assert.Equal(10 * Math.Log10(200), ChallengeSnr.Measure(sine, halfNoise).Db, 1);

        // Noise within one quantisation level (2.2 mV / 255) leaves the alignment at zero: the same figure after it.
        var fine = sine.Select((v, i) => v + (i % 2 == 0 ? 0.004 : -0.004)).ToArray();
        var aligned = ChallengeSnr.Score(sine, fine, Fs);
        Assert.Equal((0, 0.0), (aligned.ShiftSamples, aligned.ShiftMv));
        Assert.Equal(10 * Math.Log10(0.5 / 0.000016), aligned.Db, 1);

        // Coarser noise is another matter: the peak locks onto one side of it (the +0.1 mV samples), as the challenge's does.
        var locked = ChallengeSnr.Score(sine, noisy, Fs);
        Assert.True(Math.Abs(Math.Abs(locked.ShiftMv) - 0.1) < 0.01 && locked.Db < 15, $"{locked.ShiftMv} mV, {locked.Db} dB");
    }

    [Fact]
    public void A_shifted_copy_is_realigned()
    {
        var ecg = Ecg();
        var late = ecg.Select((_, i) => i >= 7 ? ecg[i - 7] : 0).ToArray(); // printed 70 ms late
        Assert.True(ChallengeSnr.Score(ecg, late, Fs, shift: false).Db < 5);
        var score = ChallengeSnr.Score(ecg, late, Fs);
        Assert.True(score.Shifted);
        Assert.Equal(7, score.ShiftSamples);
        Assert.True(score.Db > 40, $"{score.Db} dB");
        var early = ecg.Select((_, i) => i + 12 < ecg.Length ? ecg[i + 12] : 0).ToArray();
        Assert.Equal(-12, ChallengeSnr.Score(ecg, early, Fs).ShiftSamples);
    }

    [Fact]
    public void A_constant_offset_within_a_millivolt_is_removed_and_a_larger_one_is_not()
    {
        var ecg = Ecg();
        var raised = ecg.Select(v => v + 0.3).ToArray();
        var score = ChallengeSnr.Score(ecg, raised, Fs);
        Assert.True(score.Shifted);
        Assert.Equal(0.3, score.ShiftMv, 0.01); // one level of 256 over the joint range (1.9 mV) is 0.0075 mV
        Assert.True(score.Db > 25, $"{score.Db} dB");
        Assert.True(ChallengeSnr.Score(ecg, raised, Fs, shift: false).Db < 5);

        var far = ecg.Select(v => v + 1.5).ToArray();
        var refused = ChallengeSnr.Score(ecg, far, Fs);
        Assert.False(refused.Shifted);
        Assert.Equal(ChallengeSnr.Measure(ecg, far).Db, refused.Db);
    }

    [Fact]
    public void A_shift_beyond_half_a_second_is_not_applied()
    {
        var ecg = Ecg();
        var late = ecg.Select((_, i) => i >= 70 ? ecg[i - 70] : 0).ToArray(); // 0.7 s late
        var score = ChallengeSnr.Score(ecg, late, Fs);
        Assert.Equal(50, ChallengeSnr.MaxHorizontalShift(Fs));
        Assert.True(score.Db < 5, $"{score.Db} dB");
        Assert.Equal(0, score.ShiftSamples);
    }

    [Fact]
    public void Only_printed_samples_count_and_a_partly_missing_estimate_keeps_that_fraction_of_its_db()
    {
        var sine = Enumerable.Range(0, 1000).Select(i => Math.Sin(2 * Math.PI * i / 100.0)).ToArray();
        var reference = ChallengeSnr.Printed(sine, Fs, [(2.5, 2.5)]);
        Assert.Equal(250, reference.Count(double.IsFinite));
        Assert.True(double.IsNaN(reference[249]) && double.IsFinite(reference[250]) && double.IsFinite(reference[499]) && double.IsNaN(reference[500]));

        // Zeros outside the printed span (as the digitiser returns them) are not scored.
        var noisy = sine.Select((v, i) => i is >= 250 and < 500 ? v + (i % 2 == 0 ? 0.1 : -0.1) : 0).ToArray();
        var full = ChallengeSnr.Measure(reference, noisy).Db;
        Assert.Equal(10 * Math.Log10(50), full, 1);

        // Digitised for half the printed span: half the dB.
        var half = noisy.Select((v, i) => i < 375 ? v : double.NaN).ToArray();
        Assert.Equal(full / 2, ChallengeSnr.Measure(reference, half).Db, 1);

        // Nothing digitised: NaN, which the mean skips (a missing output drops out, as in the challenge).
        var none = ChallengeSnr.Score(reference, Enumerable.Repeat(double.NaN, 1000).ToArray(), Fs).Db;
        Assert.True(double.IsNaN(none));
        Assert.Equal(12, ChallengeSnr.Mean([10, 14, double.NaN]));
        Assert.Equal(12, ChallengeSnr.Median([10, 14, double.NaN, 12]));
        Assert.True(double.IsNaN(ChallengeSnr.Mean([double.NaN])));
    }
}
