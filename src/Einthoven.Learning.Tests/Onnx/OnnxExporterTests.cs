using Einthoven.Learning.Layers;
using Einthoven.Learning.Losses;
using Einthoven.Learning.Onnx;
using Einthoven.Learning.Tensors;
using Microsoft.ML.OnnxRuntime;
using DenseTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;
using Tensor = Einthoven.Learning.Tensors.Tensor;

namespace Einthoven.Learning.Tests.Onnx;

/// <summary>Small random networks of every layer type, exported and run through ONNX Runtime against the engine.</summary>
public class OnnxExporterTests
{
    private const float Tolerance = 1e-5f;

    [Theory]
    [InlineData(64, 3)]
    [InlineData(50, 1)]
    [InlineData(203, 5)]
    public void Convolutional_network_with_features_matches_the_engine_at_any_length(int length, int batch)
    {
        var network = new Network(
            new Sequential(
                new Conv1d(3, 8, 5, stride: 2, padding: 2), new BatchNorm1d(8), new Relu(), new MaxPool1d(2),
                new Conv1d(8, 8, 3, padding: 2, dilation: 2, bias: false), new Gelu(), new MaxPool1d(3, 2, 1),
                new ResidualBlock(8, 16, 3, stride: 2), new ResidualBlock(16, 16, 5, dilation: 2), new ResidualBlock(16, 16, 3),
                new GlobalAvgPool1d(), new Dropout(0.5f)),
            new Sequential(new BatchNorm1d(20), new Dense(20, 12), new Gelu(), new Dropout(0.2f), new Dense(12, 5)),
            featureCount: 4, seed: 11);
        Randomize(network, 12);
        var signal = Random(13, batch, 3, length);
        var features = Random(14, batch, 4);
        var model = OnnxExporter.Export(network, new OnnxExportOptions([3, null]));
        AssertMatches(network, model, signal, features, OnnxActivation.Softmax);
    }

    [Fact]
    public void Flattened_fixed_length_network_with_sigmoid_outputs_matches_the_engine()
    {
        var network = new Network(
            new Sequential(new Conv1d(2, 4, 3, padding: 1), new BatchNorm1d(4), new Relu(), new MaxPool1d(2), new Flatten(),
                new Dense(4 * 20, 6), new Relu(), new Dense(6, 3, bias: false)), seed: 3);
        Randomize(network, 4);
        var model = OnnxExporter.Export(network, new OnnxExportOptions([2, 40], OnnxActivation.Sigmoid));
        AssertMatches(network, model, Random(5, 4, 2, 40), null, OnnxActivation.Sigmoid);
    }

    [Fact]
    public void Perceptron_over_features_matches_the_engine()
    {
        var network = new Network(new Sequential(new BatchNorm1d(7), new Dense(7, 16), new Gelu(), new Dense(16, 4)), seed: 8);
        Randomize(network, 9);
        var model = OnnxExporter.Export(network, new OnnxExportOptions([7], OnnxActivation.None));
        AssertMatches(network, model, Random(10, 6, 7), null, OnnxActivation.None);
    }

    [Fact]
    public void Unknown_layer_is_named_in_the_error()
    {
        var network = new Network(new Sequential(new Dense(3, 3), new Mystery()), seed: 1);
        var error = Assert.Throws<NotSupportedException>(() => OnnxExporter.Export(network, new OnnxExportOptions([3])));
        Assert.Contains("Mystery", error.Message);
        Assert.Contains("trunk.1", error.Message);
    }

    [Fact]
    public void A_layer_can_export_itself()
    {
        var network = new Network(new Sequential(new Dense(3, 2), new Doubling()), seed: 2);
        var model = OnnxExporter.Export(network, new OnnxExportOptions([3], OnnxActivation.None));
        var x = Random(3, 2, 3);
        var expected = network.Predict(x).Data;
        var actual = Run(model, x, null)["logits"];
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], Tolerance);
    }

    [Fact]
    public void Model_declares_its_inputs_outputs_and_metadata()
    {
        var network = new Network(new Sequential(new Conv1d(12, 4, 3), new GlobalAvgPool1d()), new Dense(4 + 2, 3), featureCount: 2, seed: 5);
        var bytes = OnnxExporter.Export(network, new OnnxExportOptions([12, 1000], OnnxActivation.Sigmoid,
            Metadata: new Dictionary<string, string> { ["classes"] = "A,B,C" }));
        using var session = new InferenceSession(bytes);
        Assert.Equal([-1, 12, 1000], session.InputMetadata["signal"].Dimensions);
        Assert.Equal([-1, 2], session.InputMetadata["features"].Dimensions);
        Assert.Equal([-1, 3], session.OutputMetadata["probabilities"].Dimensions);
        Assert.Equal("A,B,C", session.ModelMetadata.CustomMetadataMap["classes"]);
    }

    internal static void AssertMatches(Network network, byte[] model, Tensor signal, Tensor? features, OnnxActivation activation)
    {
        var logits = network.Predict(signal, features);
        var outputs = Run(model, signal, features);
        AssertClose(logits.Data, outputs["logits"], "logits");
        if (activation == OnnxActivation.None) return;
        var probabilities = activation == OnnxActivation.Softmax ? SoftmaxCrossEntropy.Probabilities(logits) : SigmoidBinaryCrossEntropy.Probabilities(logits);
        AssertClose(probabilities.Data, outputs["probabilities"], "probabilities");
    }

    internal static Dictionary<string, float[]> Run(byte[] model, Tensor signal, Tensor? features)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(model, options);
        var inputs = new List<NamedOnnxValue> { NamedOnnxValue.CreateFromTensor("signal", new DenseTensor(signal.Data, signal.Shape)) };
        if (features is not null) inputs.Add(NamedOnnxValue.CreateFromTensor("features", new DenseTensor(features.Data, features.Shape)));
        using var results = session.Run(inputs);
        return results.ToDictionary(r => r.Name, r => r.AsEnumerable<float>().ToArray());
    }

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = expected.Select((e, i) => Math.Abs(e - actual[i])).Max();
        Assert.True(worst <= Tolerance, $"{what}: largest difference {worst:g3} over {Tolerance:g1}");
    }

    /// <summary>Running statistics away from 0 and 1 and non-trivial batch-norm affine parameters.</summary>
    private static void Randomize(Network network, int seed)
    {
        var random = new Random(seed);
        foreach (var (_, layer) in LayerTree.Walk(network.Trunk).Concat(network.Head is null ? [] : LayerTree.Walk(network.Head)))
            if (layer is BatchNorm1d norm)
            {
                foreach (ref var m in norm.RunningMean.Span) m = (float)(random.NextDouble() - 0.5);
                foreach (ref var v in norm.RunningVariance.Span) v = (float)(0.5 + random.NextDouble());
                foreach (var p in norm.OwnParameters)
                    foreach (ref var x in p.Value.Span) x += (float)(random.NextDouble() - 0.5) * 0.4f;
            }
    }

    private static Tensor Random(int seed, params int[] shape)
    {
        var random = new Random(seed);
        var t = new Tensor(shape);
        foreach (ref var x in t.Span) x = (float)(random.NextDouble() * 2 - 1);
        return t;
    }

    private sealed class Mystery : Layer
    {
        public override Tensor Forward(Tensor input, PassContext context) => input;
        public override Tensor Backward(Tensor outputGradient) => outputGradient;
        public override Layer Replicate() => new Mystery();
        public override string ToString() => "Mystery";
    }

    private sealed class Doubling : Layer, IOnnxExportable
    {
        public override Tensor Forward(Tensor input, PassContext context)
        {
            var y = input.Clone();
            foreach (ref var x in y.Span) x *= 2;
            return y;
        }

        public override Tensor Backward(Tensor outputGradient) => throw new NotSupportedException();
        public override Layer Replicate() => new Doubling();
        public override string ToString() => "Doubling";

        public OnnxValue ExportOnnx(OnnxGraph graph, OnnxValue input, string path) =>
            graph.Node("Add", [input.Name, input.Name], path, input.Shape);
    }
}
