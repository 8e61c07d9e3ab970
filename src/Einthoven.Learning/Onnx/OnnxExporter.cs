namespace Einthoven.Learning.Onnx;

/// <summary>What follows the logits in an exported model.</summary>
public enum OnnxActivation
{
    /// <summary>Logits only.</summary>
    None,
    /// <summary>Also "probabilities", a softmax over the classes (single-label).</summary>
    Softmax,
    /// <summary>Also "probabilities", a sigmoid per class (multi-label).</summary>
    Sigmoid,
}

/// <summary>How to export a network.</summary>
/// <param name="SignalShape">The signal input's dimensions after the batch, e.g. [12, 1000] or [1, null]; null dimensions are dynamic.</param>
/// <param name="Activation">What the "probabilities" output is (none: no such output).</param>
/// <param name="Metadata">Key-value pairs stored in the model's metadata_props (model name, classes, ...).</param>
public sealed record OnnxExportOptions(
    IReadOnlyList<int?> SignalShape,
    OnnxActivation Activation = OnnxActivation.Softmax,
    string GraphName = "einthoven",
    IReadOnlyDictionary<string, string>? Metadata = null,
    string? Description = null);

/// <summary>
/// Exports a <see cref="Network"/> in inference form to an ONNX model (IR version 8, opset 17): input "signal"
/// [N, ...SignalShape] and, when the network takes extra features, "features" [N, F]; outputs "logits" and, with an
/// activation, "probabilities". Batch norms use their running statistics and dropout vanishes. A layer without an ONNX
/// mapping raises <see cref="NotSupportedException"/> naming it.
/// </summary>
public static class OnnxExporter
{
    public const string SignalInput = "signal", FeaturesInput = "features", LogitsOutput = "logits", ProbabilitiesOutput = "probabilities";

    public static byte[] Export(Network network, OnnxExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (options.SignalShape.Count == 0) throw new ArgumentException("the signal shape needs at least one dimension after the batch", nameof(options));
        var graph = new OnnxGraph();
        var signal = graph.Input(SignalInput, [null, .. options.SignalShape]);
        var features = network.FeatureCount > 0 ? graph.Input(FeaturesInput, [null, network.FeatureCount]) : null;
        var logits = graph.AddNetwork(network, signal, features);
        Finish(graph, logits, options.Activation);
        return graph.ToModel(options.GraphName, ProducerVersion, options.Metadata, options.Description);
    }

    public static void Export(Network network, OnnxExportOptions options, string path) => File.WriteAllBytes(path, Export(network, options));

    /// <summary>Names <paramref name="logits"/> as the "logits" output and adds the "probabilities" output for <paramref name="activation"/>.</summary>
    public static void Finish(OnnxGraph graph, OnnxValue logits, OnnxActivation activation)
    {
        var named = graph.Output(logits, LogitsOutput);
        if (activation == OnnxActivation.None) return;
        var op = activation == OnnxActivation.Softmax ? "Softmax" : "Sigmoid";
        var attributes = activation == OnnxActivation.Softmax ? [OnnxAttribute.Integer("axis", -1)] : Array.Empty<OnnxAttribute>();
        graph.Output(graph.Node(op, [named.Name], ProbabilitiesOutput, logits.Shape, attributes), ProbabilitiesOutput);
    }

    public static string ProducerVersion => typeof(OnnxExporter).Assembly.GetName().Version?.ToString() ?? "0";
}
