using Einthoven.Evaluation.Noise;
using Einthoven.TestSupport;

namespace Einthoven.Evaluation.Tests.Qrs;

/// <summary>
/// The noise stress test on MIT-BIH 119 at 6 dB (docs/BENCHMARKS.md has both records at every SNR): the quality gate
/// marks the noisy blocks inconclusive and not the clean time, detection in what it leaves readable keeps its
/// precision, and baseline wander costs detection nothing.
/// </summary>
public class NoiseStressTests
{
    private static readonly IReadOnlyList<NoiseRun> Runs =
        NoiseStressEvaluation.Evaluate(TestData.MitDb, "119", [NoiseKind.ElectrodeMotion, NoiseKind.Muscle, NoiseKind.BaselineWander], [6]).ToList();

    private static NoiseRun Run(string noise) => Runs.Single(r => r.Noise == noise);

    [Theory]
    [InlineData("em", 0.7, 0.99, 0.93)]
    [InlineData("ma", 0.6, 0.99, 0.97)]
    public void Qrs_like_noise_is_inconclusive_and_the_readable_rest_is_detected_precisely(string noise, double minNoisyInconclusive,
        double minReadableSe, double minReadablePpv)
    {
        var run = Run(noise);
        Assert.True(run.NoisyInconclusiveSeconds >= minNoisyInconclusive * run.NoisySeconds, $"{noise}: {run.NoisyInconclusiveSeconds:0} of {run.NoisySeconds:0} noisy s inconclusive");
        Assert.True(run.CleanInconclusiveSeconds <= 0.01 * run.CleanSeconds, $"{noise}: {run.CleanInconclusiveSeconds:0} of {run.CleanSeconds:0} clean s inconclusive");
        Assert.True(run.Readable.Sensitivity >= minReadableSe, $"{noise}: readable {run.Readable}");
        Assert.True(run.Readable.PositivePredictivity >= minReadablePpv, $"{noise}: readable {run.Readable}");
    }

    [Fact]
    public void Baseline_wander_costs_detection_nothing()
    {
        var run = Run("bw");
        Assert.True(run.Whole.Sensitivity >= 0.999 && run.Whole.PositivePredictivity >= 0.998, $"bw: whole {run.Whole}");
    }
}
