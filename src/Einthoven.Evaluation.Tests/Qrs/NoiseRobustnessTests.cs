using Einthoven.Evaluation.Qrs;
using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;
using Kind = Einthoven.Evaluation.Tests.Qrs.SyntheticNoise.Kind;

namespace Einthoven.Evaluation.Tests.Qrs;

/// <summary>Clean MIT-BIH records with synthesised noise added at a given SNR: detection must hold up.</summary>
public class NoiseRobustnessTests
{
    private static readonly string[] Records = ["100", "103", "117", "119"];

    private static DetectionScore Score(Kind kind, double snrDb)
    {
        var total = default(DetectionScore);
        foreach (var name in Records)
        {
            var record = RecordFiles.Read(TestData.MitDbRecord(name));
            var noisy = SyntheticNoise.Add(record.Physical(0), 360, kind, snrDb, seed: int.Parse(name));
            total += QrsProtocol.Evaluate(record.Annotations["atr"], QrsDetector.Detect(noisy, 360), 360).Score;
        }
        return total;
    }

    [Theory]
    [InlineData(Kind.BaselineWander, 12, 0.999, 0.999)]
    [InlineData(Kind.BaselineWander, 6, 0.999, 0.999)]
    [InlineData(Kind.Muscle, 12, 0.998, 0.998)]
    [InlineData(Kind.Muscle, 6, 0.995, 0.995)]
    [InlineData(Kind.ElectrodeMotion, 12, 0.995, 0.995)]
    [InlineData(Kind.ElectrodeMotion, 6, 0.99, 0.95)]
    [InlineData(Kind.Powerline, 12, 0.999, 0.999)]
    [InlineData(Kind.Powerline, 6, 0.999, 0.999)]
    public void Detection_holds_up_under_noise(Kind kind, double snrDb, double minSe, double minPpv)
    {
        var score = Score(kind, snrDb);
        Assert.True(score.Sensitivity >= minSe, $"{kind} at {snrDb} dB: Se {score.Sensitivity:P2} ({score})");
        Assert.True(score.PositivePredictivity >= minPpv, $"{kind} at {snrDb} dB: +P {score.PositivePredictivity:P2} ({score})");
    }

    [Fact]
    public void The_noise_has_the_asked_for_power()
    {
        var ecg = Enumerable.Range(0, 36000).Select(i => Math.Sin(i / 30.0)).ToArray();
        var noisy = SyntheticNoise.Add(ecg, 360, Kind.Muscle, 6, seed: 1);
        var noise = noisy.Zip(ecg, (a, b) => a - b).ToArray();
        Assert.Equal(6, 10 * Math.Log10(SyntheticNoise.Power(ecg) / SyntheticNoise.Power(noise)), 6);
    }
}
