using Einthoven.Models.Beats;
using Einthoven.TestSupport;

namespace Einthoven.Models.Tests.Beats;

public class PrematureBeatRuleTests
{
    private static readonly PrematureBeatRule Rule = new(0.85, 0.1, 0.9, 0.5);

    // One feature row: pre-RR / local RR and pre-RR / previous pre-RR, irregularity, QRS and P-wave correlation (lead A).
    internal static float[] Row(double prematurity, double irregularity, double qrs, double pWave)
    {
        var row = new float[BeatInputLayout.FeatureCount];
        row[3] = (float)Math.Log(prematurity);
        row[12] = (float)Math.Log(prematurity);
        row[BeatFeatureExtractor.IrregularityFeature] = (float)irregularity;
        row[BeatFeatureExtractor.RhythmFeatureCount] = (float)qrs;
        row[BeatFeatureExtractor.RhythmFeatureCount + 4] = (float)pWave;
        return row;
    }

    [Fact]
    public void Only_an_early_beat_in_a_regular_rhythm_with_a_normal_QRS_and_an_unlike_P_wave_fires()
    {
        Assert.True(Rule.Fires(Row(0.7, 0.02, 0.98, 0.1)));
        Assert.False(Rule.Fires(Row(0.95, 0.02, 0.98, 0.1)));  // on time
        Assert.False(Rule.Fires(Row(0.7, 0.3, 0.98, 0.1)));    // irregular surroundings (fibrillation)
        Assert.False(Rule.Fires(Row(0.7, 0.02, 0.4, 0.1)));    // a wide, unlike QRS: ventricular
        Assert.False(Rule.Fires(Row(0.7, 0.02, 0.98, 0.9)));   // its P wave is the sinus P wave
        Assert.False(PrematureBeatRule.Off.Fires(Row(0.7, 0.02, 0.98, 0.1)));
    }

    [Fact]
    public void Firing_turns_an_N_call_into_S_with_the_same_confidence_and_leaves_other_calls_alone()
    {
        var beats = new BeatFeatures(new float[3 * BeatInputLayout.InputSize], [.. Row(0.7, 0.02, 0.98, 0.1), .. Row(0.7, 0.02, 0.98, 0.1), .. Row(1, 0.02, 0.98, 0.9)]);
        float[] p = [0.8f, 0.15f, 0.05f, 0, 0, /* V call */ 0.1f, 0.1f, 0.8f, 0, 0, /* on time */ 0.9f, 0.1f, 0, 0, 0];
        Rule.ApplyAll(p, beats);
        Assert.Equal([0.15f, 0.8f, 0.05f, 0, 0, 0.1f, 0.1f, 0.8f, 0, 0, 0.9f, 0.1f, 0, 0, 0], p);
    }

    [Fact]
    public void The_rule_reads_back_from_its_text_and_bad_text_is_refused()
    {
        Assert.Equal(Rule, PrematureBeatRule.Parse(Rule.Format()));
        Assert.Same(PrematureBeatRule.Off, PrematureBeatRule.Parse("off"));
        Assert.Null(PrematureBeatRule.Parse("0.8,0.1,0.9"));
        Assert.Null(PrematureBeatRule.Parse("1.5,0.1,0.9,0.5"));
        Assert.Null(PrematureBeatRule.Parse("0.8,NaN,0.9,0.5"));
    }

    [Fact]
    public void An_ensemble_keeps_its_rule_through_a_save_and_load_and_applies_it()
    {
        // Class scales that make the untrained members call every beat N, and a rule with every threshold open.
        var ensemble = new BeatEnsemble([new BeatMember(BeatNetwork.CreateMorphology(1), BeatNetwork.CreateRhythm(2))],
            new BeatDecisionRule([1000f, 1f, 0.001f, 0.001f, 0.001f]), new PrematureBeatRule(0.99, 10, -1, 1));
        var path = Path.Combine(TestData.TempDir(), "beats.safetensors");
        ensemble.Save(path);
        var loaded = BeatEnsemble.Load(path);
        Assert.Equal(ensemble.Premature, loaded.Premature);
        var beats = new BeatFeatures(new float[2 * BeatInputLayout.InputSize], [.. Row(0.7, 0.02, 0.98, 0.1), .. Row(1, 0.02, 0.98, 0.1)]);
        var without = loaded.WithPremature(PrematureBeatRule.Off).Probabilities(beats);
        var with = loaded.Probabilities(beats);
        Assert.Equal(AamiClass.N, BeatClassifier.MostProbable(without.AsSpan(0, 5)));
        Assert.Equal(AamiClass.S, BeatClassifier.MostProbable(with.AsSpan(0, 5)));
        Assert.Equal(without.AsSpan(5, 5).ToArray(), with.AsSpan(5, 5).ToArray());
    }
}
