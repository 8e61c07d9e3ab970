using Einthoven.Learning.Layers;
using Einthoven.Learning.Tensors;
using static Einthoven.Learning.Tests.GradientChecker;

namespace Einthoven.Learning.Tests.Layers;

public class NetworkTests
{
    private static Network BeatLikeNetwork(ulong seed) => new(
        new Sequential(new Conv1d(2, 4, 5, padding: 2), new BatchNorm1d(4), new Relu(), new MaxPool1d(2),
            new ResidualBlock(4, 6, 3, stride: 2), new GlobalAvgPool1d()),
        new Sequential(new Dense(6 + 3, 8), new Gelu(), new Dropout(0.2f), new Dense(8, 5)),
        featureCount: 3, seed: seed);

    [Fact]
    public void GradientsThroughFeatureConcatenationMatchFiniteDifferences()
    {
        var network = BeatLikeNetwork(1);
        var x = RandomTensor(2, 4, 2, 24);
        var features = RandomTensor(3, 4, 3);
        var context = PassContext.Train(5);
        var output = network.Forward(x, features, context);
        var projection = RandomTensor(4, output.Shape);
        network.ZeroGradients();
        var inputGradient = network.Backward(projection).Clone();
        double Loss()
        {
            var y = network.Forward(x, features, context);
            double sum = 0;
            for (var i = 0; i < y.Length; i++) sum += (double)y.Data[i] * projection.Data[i];
            return sum;
        }
        var rng = new SplitMix64(8);
        CompareEntries("input", x.Data, inputGradient.Data, Loss, 1e-3f, 1e-2, 2e-3, 24, ref rng);
        foreach (var (path, p) in network.Parameters.ToList())
            CompareEntries(path, p.Value.Data, p.Grad.Clone().Data, Loss, 1e-3f, 1e-2, 2e-3, 6, ref rng);
    }

    [Fact]
    public void ParameterPathsAreHierarchicalAndUnique()
    {
        var paths = BeatLikeNetwork(0).Parameters.Select(p => p.Path).ToList();
        Assert.Contains("trunk.0.weight", paths);
        Assert.Contains("trunk.4.main.0.weight", paths);
        Assert.Contains("trunk.4.projection.1.bias", paths);
        Assert.Contains("head.3.bias", paths);
        Assert.Equal(paths.Count, paths.Distinct().Count());
        Assert.Contains("trunk.1.running_var", BeatLikeNetwork(0).State.Select(s => s.Path));
    }

    [Fact]
    public void SeedsDetermineInitialWeights()
    {
        var a = BeatLikeNetwork(3).Parameters.SelectMany(p => p.Parameter.Value.Data).ToArray();
        var b = BeatLikeNetwork(3).Parameters.SelectMany(p => p.Parameter.Value.Data).ToArray();
        var c = BeatLikeNetwork(4).Parameters.SelectMany(p => p.Parameter.Value.Data).ToArray();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void GlobalPoolingAcceptsAnyLengthAtInference()
    {
        var network = BeatLikeNetwork(2);
        var features = RandomTensor(1, 1, 3);
        Assert.True(network.Predict(RandomTensor(5, 1, 2, 50), features).HasShape(1, 5));
        Assert.True(network.Predict(RandomTensor(6, 1, 2, 301), features).HasShape(1, 5));
    }

    [Fact]
    public void MissingFeaturesAreReportedClearly()
    {
        var ex = Assert.Throws<ArgumentException>(() => BeatLikeNetwork(0).Predict(RandomTensor(1, 2, 2, 24)));
        Assert.Contains("features", ex.Message);
    }

    [Fact]
    public void BatchedConvolutionEqualsPerSampleConvolution()
    {
        var conv = new Conv1d(3, 5, 5, stride: 2, padding: 3, dilation: 2);
        LayerTree.Initialize(conv, 9);
        var x = RandomTensor(4, 6, 3, 40);
        var batched = conv.Forward(x, PassContext.Inference).Clone();
        for (var s = 0; s < 6; s++)
        {
            var single = conv.Forward(new Tensor(x.Sample(s).ToArray(), 1, 3, 40), PassContext.Inference);
            for (var i = 0; i < single.Length; i++) Assert.Equal(batched.Sample(s)[i], single.Data[i], 4);
        }
    }

    [Fact]
    public void LayersRejectWrongShapesWithTheirName()
    {
        var conv = new Conv1d(3, 5, 3);
        Assert.Contains("Conv1d(3->5", Assert.Throws<ArgumentException>(() => conv.Forward(new Tensor(1, 2, 10), PassContext.Inference)).Message);
        Assert.Contains("too short", Assert.Throws<ArgumentException>(() => conv.Forward(new Tensor(1, 3, 2), PassContext.Inference)).Message);
        Assert.Contains("too short", Assert.Throws<ArgumentException>(() => new MaxPool1d(2).Forward(new Tensor(1, 3, 1), PassContext.Inference)).Message);
        Assert.Contains("too short", Assert.Throws<ArgumentException>(() => new Conv1d(1, 1, 3, dilation: 4).Forward(new Tensor(1, 1, 8), PassContext.Inference)).Message);
        Assert.Contains("Dense(4->2)", Assert.Throws<ArgumentException>(() => new Dense(4, 2).Forward(new Tensor(1, 3), PassContext.Inference)).Message);
        Assert.Throws<ArgumentException>(() => new BatchNorm1d(2).Forward(new Tensor(1, 2, 1), PassContext.Train(0)));
    }
}
