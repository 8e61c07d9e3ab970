using Einthoven.Learning.Serialization;
using Einthoven.Models.Beats;
using Einthoven.TestSupport;

namespace Einthoven.Models.Tests.Beats;

public class BeatEnsembleTests
{
    private static BeatFeatures RandomBeats(int count, int seed)
    {
        var random = new Random(seed);
        var windows = Enumerable.Range(0, count * BeatInputLayout.InputSize).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var features = Enumerable.Range(0, count * BeatInputLayout.FeatureCount).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        return new BeatFeatures(windows, features);
    }

    private static BeatMember Member(ulong seed) => new(BeatNetwork.CreateMorphology(seed), BeatNetwork.CreateRhythm(seed + 100));

    [Fact]
    public void Probabilities_are_distributions_and_survive_a_save_and_load()
    {
        var ensemble = new BeatEnsemble([Member(1), Member(2)], new BeatDecisionRule([1f, 2f, 0.5f, 1f, 1f]));
        var beats = RandomBeats(300, 3);
        var before = ensemble.Probabilities(beats);
        Assert.Equal(300 * AamiMapping.ClassCount, before.Length);
        for (var b = 0; b < 300; b++) Assert.Equal(1f, before.AsSpan(b * 5, 5).ToArray().Sum(), 4);

        var path = Path.Combine(TestData.TempDir(), "beats.safetensors");
        ensemble.Save(path);
        var loaded = BeatEnsemble.Load(path);
        Assert.Equal(2, loaded.Members.Count);
        Assert.Equal(ensemble.Decision.Scales, loaded.Decision.Scales);
        Assert.Equal(before, loaded.Probabilities(beats));
        // The rule scales the members' mean: S doubled and V halved against the same members without it.
        var plain = ensemble.WithDecision(BeatDecisionRule.Identity).Probabilities(beats);
        Assert.True(before[1] / before[0] > 1.99f * plain[1] / plain[0] && before[2] / before[0] < 0.51f * plain[2] / plain[0]);
    }

    [Fact]
    public void Experts_combine_so_that_n_and_s_share_the_supraventricular_probability()
    {
        Span<float> aami = stackalloc float[5];
        BeatExperts.Combine([0.6f, 0.3f, 0.08f, 0.02f], [0.25f, 0.75f], aami);
        float[] expected = [0.15f, 0.45f, 0.3f, 0.08f, 0.02f];
        for (var c = 0; c < expected.Length; c++) Assert.Equal(expected[c], aami[c], 5);
        Assert.Equal(0, BeatExperts.MorphologyLabel(AamiClass.S));
        Assert.Equal(1, BeatExperts.RhythmLabel(AamiClass.S));
        Assert.Null(BeatExperts.RhythmLabel(AamiClass.V));
    }

    [Fact]
    public void A_weights_file_of_another_shape_is_refused_with_the_tensor_named()
    {
        var path = Path.Combine(TestData.TempDir(), "beats.safetensors");
        var network = BeatNetwork.CreateRhythm(1);
        var tensors = network.Parameters.Select(p => ("member0.rhythm." + p.Path, p.Parameter.Value)).ToList();
        SafeTensors.Write(path, tensors, new Dictionary<string, string> { ["members"] = "1" });
        var error = Assert.Throws<ModelFormatException>(() => BeatEnsemble.Load(path));
        Assert.Contains("missing", error.Message);

        SafeTensors.Write(path, tensors, new Dictionary<string, string> { ["members"] = "many" });
        Assert.Throws<ModelFormatException>(() => BeatEnsemble.Load(path));
    }
}
