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

    [Fact]
    public void Probabilities_are_distributions_and_survive_a_save_and_load()
    {
        var ensemble = new BeatEnsemble([BeatNetwork.Create(1), BeatNetwork.Create(2)]);
        var beats = RandomBeats(300, 3);
        var before = ensemble.Probabilities(beats);
        Assert.Equal(300 * AamiMapping.ClassCount, before.Length);
        for (var b = 0; b < 300; b++) Assert.Equal(1f, before.AsSpan(b * 5, 5).ToArray().Sum(), 4);

        var path = Path.Combine(TestData.TempDir(), "beats.safetensors");
        ensemble.Save(path);
        var loaded = BeatEnsemble.Load(path);
        Assert.Equal(2, loaded.Members.Count);
        Assert.Equal(before, loaded.Probabilities(beats));
    }

    [Fact]
    public void A_weights_file_of_another_shape_is_refused_with_the_tensor_named()
    {
        var path = Path.Combine(TestData.TempDir(), "beats.safetensors");
        var network = BeatNetwork.Create(1);
        var tensors = network.Parameters.Select(p => ("member0." + p.Path, p.Parameter.Value)).Skip(1).ToList();
        SafeTensors.Write(path, tensors, new Dictionary<string, string> { ["members"] = "1" });
        var error = Assert.Throws<ModelFormatException>(() => BeatEnsemble.Load(path));
        Assert.Contains("missing", error.Message);

        SafeTensors.Write(path, tensors, new Dictionary<string, string> { ["members"] = "many" });
        Assert.Throws<ModelFormatException>(() => BeatEnsemble.Load(path));
    }
}
