using Einthoven.Evaluation.Beats;
using Einthoven.Models.Analysis;
using Einthoven.Models.Beats;
using Einthoven.Signal.Analysis;
using Einthoven.Training.Beats;

namespace Einthoven.Training.Tests.Beats;

public class CrossValidatedAnalysisTests
{
    private const double Fs = 100;

    private static RhythmVerdict Verdict(params (double Start, double End, string Label)[] windows) =>
        new("O", "other rhythm", new Dictionary<string, double>(), "II", null,
            windows.Select(w => new RhythmWindow(w.Start, w.End, w.Label, 0.9)).ToArray(), null, "test");

    [Fact]
    public void Cross_validated_predictions_are_rescored_as_users_get_them_with_S_beats_in_fibrillation_as_N()
    {
        var features = new BeatFeatures(new float[3 * BeatInputLayout.InputSize], new float[3 * BeatInputLayout.FeatureCount]);
        var record = new LabelledRecord("r1", features, [AamiClass.N, AamiClass.N, AamiClass.S], [(long)(10 * Fs), (long)(40 * Fs), (long)(70 * Fs)]);
        float[] probabilities = [0.9f, 0.1f, 0, 0, 0, 0.2f, 0.8f, 0, 0, 0, 0.3f, 0.7f, 0, 0, 0];
        var cv = new CrossValidationResult(new ConfusionMatrix(), new ConfusionMatrix(), BeatDecisionRule.Identity, [["r1"]], [], [new HeldOutRecord(record, probabilities)]);
        var rhythms = new Dictionary<string, (RhythmVerdict, double, long)> { ["r1"] = (Verdict((0, 30, "N"), (30, 60, "A"), (60, 90, "N")), Fs, (long)(90 * Fs)) };

        var matrix = CrossValidatedAnalysis.AsUsersGetThem(cv, rhythms).Total;

        // The false S beat at 40 s lies in the AF window and becomes N; the true S beat at 70 s does not.
        Assert.Equal(2, matrix[AamiClass.N, AamiClass.N]);
        Assert.Equal(1, matrix[AamiClass.S, AamiClass.S]);
        Assert.Throws<ArgumentException>(() => CrossValidatedAnalysis.AsUsersGetThem(
            cv with { HeldOut = [new HeldOutRecord(new LabelledRecord("r1", features, record.Labels), probabilities)] }, rhythms));
    }
}
