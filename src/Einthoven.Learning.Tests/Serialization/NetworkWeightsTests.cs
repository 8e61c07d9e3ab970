using Einthoven.Learning.Layers;
using Einthoven.Learning.Serialization;
using Einthoven.Learning.Tensors;
using Einthoven.TestSupport;
using static Einthoven.Learning.Tests.GradientChecker;

namespace Einthoven.Learning.Tests.Serialization;

public class NetworkWeightsTests
{
    private static Network Model(ulong seed, int hidden = 6) => new(
        new Sequential(new Conv1d(2, hidden, 5, padding: 2), new BatchNorm1d(hidden), new Gelu(), new ResidualBlock(hidden, 8, 3, 2), new GlobalAvgPool1d()),
        new Sequential(new Dense(8 + 2, 3)), featureCount: 2, seed: seed);

    [Fact]
    public void SaveThenLoadGivesIdenticalOutputs()
    {
        var original = Model(1);
        // Make the running statistics non-trivial so that state is part of what must round-trip.
        original.Forward(RandomTensor(1, 8, 2, 40), RandomTensor(2, 8, 2), PassContext.Train(0));
        var path = Path.Combine(TestData.TempDir(), "model.safetensors");
        NetworkWeights.Save(original, path, new Dictionary<string, string> { ["model"] = "test" });

        var restored = Model(99);
        var x = RandomTensor(3, 5, 2, 33);
        var features = RandomTensor(4, 5, 2);
        Assert.NotEqual(original.Predict(x, features).Data, restored.Predict(x, features).Data);
        var metadata = NetworkWeights.Load(restored, path);
        Assert.Equal("test", metadata["model"]);
        Assert.Equal(original.Predict(x, features).Data, restored.Predict(x, features).Data);
    }

    [Fact]
    public void LoadingIntoADifferentArchitectureFailsWithoutChangingTheModel()
    {
        var path = Path.Combine(TestData.TempDir(), "model.safetensors");
        NetworkWeights.Save(Model(1), path);
        var other = Model(2, hidden: 4);
        var before = other.Parameters.SelectMany(p => p.Parameter.Value.Data).ToArray();
        var ex = Assert.Throws<ModelFormatException>(() => NetworkWeights.Load(other, path));
        Assert.Equal("trunk.0.weight", ex.Field);
        Assert.Contains("does not match the model's [4, 2, 5]", ex.Reason);
        Assert.Equal(before, other.Parameters.SelectMany(p => p.Parameter.Value.Data).ToArray());

        var withoutBias = new Network(Model(1).Trunk, new Sequential(new Dense(8 + 2, 3, bias: false)), 2);
        var unknown = Assert.Throws<ModelFormatException>(() => NetworkWeights.Load(withoutBias, path));
        Assert.Equal("head.0.bias", unknown.Field);
        Assert.Contains("not a tensor of this model", unknown.Reason);

        var partial = Path.Combine(TestData.TempDir(), "partial.safetensors");
        SafeTensors.Write(partial, SafeTensors.Read(path).Tensors.Where(t => t.Name != "head.0.bias"));
        Assert.Equal("head.0.bias", Assert.Throws<ModelFormatException>(() => NetworkWeights.Load(Model(1), partial)).Field);
    }

    [Fact]
    public void RejectsNonFiniteWeights()
    {
        var network = Model(1);
        var tensors = network.Parameters.Select(p => (p.Path, p.Parameter.Value.Clone())).Concat(network.State.Select(s => (s.Path, s.Value.Clone()))).ToList();
        tensors[0].Item2.Data[3] = float.NaN;
        var path = Path.Combine(TestData.TempDir(), "nan.safetensors");
        SafeTensors.Write(path, tensors);
        Assert.Contains("NaN", Assert.Throws<ModelFormatException>(() => NetworkWeights.Load(network, path)).Reason);
    }

    [Fact]
    public void ModelCardRecordsAndVerifiesTheWeightsHash()
    {
        var folder = TestData.TempDir();
        var network = Model(1);
        var weights = Path.Combine(folder, "beats.safetensors");
        NetworkWeights.Save(network, weights);
        var card = ModelCard.Describe("beats", "1.0.0", network, weights, "MIT-BIH DS1", "de Chazal inter-patient",
            new Dictionary<string, double> { ["accuracy"] = 0.93 }, new DateOnly(2026, 11, 22), new Dictionary<string, string> { ["classes"] = "N,S,V,F,Q" });
        var cardPath = Path.Combine(folder, "beats.json");
        card.Save(cardPath);

        var loaded = ModelCard.Load(cardPath);
        Assert.Equal(card.WeightsSha256, loaded.WeightsSha256);
        Assert.Equal(0.93, loaded.Metrics["accuracy"]);
        Assert.Equal("N,S,V,F,Q", loaded.Details["classes"]);
        Assert.Contains("ResidualBlock(6->8", loaded.Architecture);
        Assert.Equal("2026-11-22", loaded.Date);
        Assert.Contains("\"weights_sha256\"", File.ReadAllText(cardPath));
        Assert.Equal(weights, loaded.VerifiedWeightsPath(cardPath));

        var bytes = File.ReadAllBytes(weights);
        bytes[^1] ^= 1;
        File.WriteAllBytes(weights, bytes);
        Assert.Equal("weights_sha256", Assert.Throws<ModelFormatException>(() => loaded.VerifiedWeightsPath(cardPath)).Field);
    }

    [Fact]
    public void RejectsInvalidModelCards()
    {
        var path = Path.Combine(TestData.TempDir(), "card.json");
        File.WriteAllText(path, """{"name":"x"}""");
        Assert.Throws<ModelFormatException>(() => ModelCard.Load(path));
        File.WriteAllText(path, """{"name":"x","version":"1","architecture":"a","data":"d","split":"s","date":"22/11/2026","weights_file":"w","weights_sha256":"00"}""");
        Assert.Equal("weights_sha256", Assert.Throws<ModelFormatException>(() => ModelCard.Load(path)).Field);
        File.WriteAllText(path, "{\"name\":\"x\",\"version\":\"1\",\"architecture\":\"a\",\"data\":\"d\",\"split\":\"s\",\"date\":\"22/11/2026\",\"weights_file\":\"w\",\"weights_sha256\":\"" + new string('a', 64) + "\"}");
        Assert.Equal("date", Assert.Throws<ModelFormatException>(() => ModelCard.Load(path)).Field);
    }
}
