using Einthoven.Learning.Layers;
using Einthoven.Learning.Tensors;

namespace Einthoven.Learning.Onnx;

/// <summary>A value of the graph: its name and its shape, the batch and any dynamic dimension null.</summary>
public sealed record OnnxValue(string Name, IReadOnlyList<int?> Shape)
{
    public int Rank => Shape.Count;
    public override string ToString() => $"{Name}[{string.Join(", ", Shape.Select(d => d?.ToString() ?? "?"))}]";
}

/// <summary>One attribute of a node: an int, a float or a list of ints.</summary>
public sealed record OnnxAttribute(string Name, long? Int = null, float? Float = null, long[]? Ints = null)
{
    public static OnnxAttribute Integer(string name, long value) => new(name, Int: value);
    public static OnnxAttribute Real(string name, float value) => new(name, Float: value);
    public static OnnxAttribute List(string name, params long[] values) => new(name, Ints: values);
}

/// <summary>
/// A layer that knows its own ONNX form; <see cref="OnnxGraph.AddLayer"/> asks it before its built-in mappings, so a
/// new layer type exports by implementing this.
/// </summary>
public interface IOnnxExportable
{
    OnnxValue ExportOnnx(OnnxGraph graph, OnnxValue input, string path);
}

/// <summary>
/// Builds an ONNX graph (IR version 8, opset 17) from the engine's layers, tracking each value's shape. Parameters
/// become initializers named by their parameter path ("trunk.0.weight"), as in the .safetensors files.
/// </summary>
public sealed class OnnxGraph
{
    public const long IrVersion = 8;
    public const long Opset = 17;
    // TensorProto.DataType
    private const int FloatType = 1, Int64Type = 7;
    private const string BatchDim = "N";

    private readonly List<Action<ProtoWriter>> nodes = [], initializers = [], inputs = [], outputs = [];
    private readonly HashSet<string> names = [];
    private int counter;

    /// <summary>A graph input of floats; its first dimension is the batch, null dimensions are dynamic.</summary>
    public OnnxValue Input(string name, IReadOnlyList<int?> shape)
    {
        Claim(name);
        var value = new OnnxValue(name, shape);
        inputs.Add(w => ValueInfo(w, value));
        return value;
    }

    /// <summary>Marks a value as a graph output under <paramref name="name"/> (through an Identity node when renamed).</summary>
    public OnnxValue Output(OnnxValue value, string name)
    {
        var output = value.Name == name ? value : Node("Identity", [value.Name], name, value.Shape);
        outputs.Add(w => ValueInfo(w, output));
        return output;
    }

    public string Initializer(string name, ReadOnlySpan<float> values, params long[] dims)
    {
        Claim(name);
        return FloatInitializer(name, values, dims);
    }

    private string FloatInitializer(string name, ReadOnlySpan<float> values, long[] dims)
    {
        var bytes = ProtoWriter.LittleEndian(values);
        initializers.Add(w => w.PackedInt64(1, dims).Varint(2, FloatType).String(8, name).Bytes(9, bytes));
        return name;
    }

    public string Initializer(string name, long[] values, params long[] dims)
    {
        Claim(name);
        initializers.Add(w => w.PackedInt64(1, dims).Varint(2, Int64Type).PackedInt64(7, values).String(8, name));
        return name;
    }

    /// <summary>A scalar float constant.</summary>
    public string Constant(string name, float value) => FloatInitializer(Unique(name), [value], []);

    /// <summary>Adds a node with one output, named <paramref name="output"/> (made unique), of the given shape.</summary>
    public OnnxValue Node(string op, IReadOnlyList<string> inputNames, string output, IReadOnlyList<int?> shape, params OnnxAttribute[] attributes)
    {
        var name = Unique(output);
        nodes.Add(w =>
        {
            foreach (var i in inputNames) w.String(1, i);
            w.String(2, name).String(3, name).String(4, op);
            foreach (var a in attributes) w.Message(5, m => Attribute(m, a));
        });
        return new OnnxValue(name, shape);
    }

    /// <summary>A name not used yet in the graph, <paramref name="name"/> itself when it is free.</summary>
    public string Unique(string name)
    {
        if (name.Length == 0) name = "value";
        var candidate = name;
        while (names.Contains(candidate)) candidate = $"{name}_{++counter}";
        names.Add(candidate);
        return candidate;
    }

    /// <summary>
    /// Appends a network: its trunk over <paramref name="signal"/>, the concatenation of <paramref name="features"/>
    /// when it has any, and its head; returns its logits.
    /// </summary>
    public OnnxValue AddNetwork(Network network, OnnxValue signal, OnnxValue? features, string prefix = "")
    {
        var h = AddLayer(network.Trunk, signal, LayerTree.Join(prefix, "trunk"));
        if (network.FeatureCount > 0)
        {
            if (features is null) throw new ArgumentException($"the network takes {network.FeatureCount} extra features: give the features input", nameof(features));
            if (h.Rank != 2) throw new NotSupportedException($"the trunk must end in [N, F] to append features, got {h}");
            h = Node("Concat", [h.Name, features.Name], LayerTree.Join(prefix, "concat"), [null, h.Shape[1] + network.FeatureCount], OnnxAttribute.Integer("axis", 1));
        }
        return network.Head is null ? h : AddLayer(network.Head, h, LayerTree.Join(prefix, "head"));
    }

    /// <summary>Appends one layer (and its children) at parameter path <paramref name="path"/>.</summary>
    public OnnxValue AddLayer(Layer layer, OnnxValue input, string path)
    {
        switch (layer)
        {
            case IOnnxExportable exportable:
                return exportable.ExportOnnx(this, input, path);
            case Sequential:
                foreach (var (name, child) in layer.Children) input = AddLayer(child, input, LayerTree.Join(path, name));
                return input;
            case Conv1d conv:
                return Conv(conv, input, path);
            case BatchNorm1d norm:
                Expect(input, norm.Channels, norm, path);
                string[] statistics =
                [
                    input.Name, Parameter(norm.OwnParameters[0], path), Parameter(norm.OwnParameters[1], path),
                    Initializer(LayerTree.Join(path, "running_mean"), norm.RunningMean.Span, norm.Channels),
                    Initializer(LayerTree.Join(path, "running_var"), norm.RunningVariance.Span, norm.Channels),
                ];
                return Node("BatchNormalization", statistics, path, input.Shape, OnnxAttribute.Real("epsilon", norm.Epsilon));
            case Relu:
                return Node("Relu", [input.Name], path, input.Shape);
            case Gelu:
                return TanhGelu(input, path);
            case MaxPool1d pool:
                return Node("MaxPool", [input.Name], path, [.. input.Shape.Take(2), Length(input, pool.Window)],
                    OnnxAttribute.List("kernel_shape", pool.Window.Kernel), OnnxAttribute.List("strides", pool.Window.Stride),
                    OnnxAttribute.List("pads", pool.Window.Padding, pool.Window.Padding));
            case GlobalAvgPool1d:
                if (input.Rank != 3) throw new NotSupportedException($"{path}: GlobalAvgPool1d expects [N, C, L], got {input}");
                var pooled = Node("GlobalAveragePool", [input.Name], LayerTree.Join(path, "pool"), [null, input.Shape[1], 1]);
                return Node("Flatten", [pooled.Name], path, [null, input.Shape[1]], OnnxAttribute.Integer("axis", 1));
            case Flatten:
                int? width = input.Shape.Skip(1).All(d => d is not null) ? input.Shape.Skip(1).Aggregate(1, (a, d) => a * d!.Value) : null;
                return Node("Flatten", [input.Name], path, [null, width], OnnxAttribute.Integer("axis", 1));
            case Dense dense:
                Expect(input, dense.InFeatures, dense, path);
                if (input.Rank != 2) throw new NotSupportedException($"{path}: {dense} expects [N, {dense.InFeatures}], got {input}");
                return Node("Gemm", [input.Name, Parameter(dense.Weight, path), .. dense.Bias is null ? Array.Empty<string>() : [Parameter(dense.Bias, path)]],
                    path, [null, dense.OutFeatures], OnnxAttribute.Integer("transB", 1));
            case Dropout:
                return input; // inference: the identity
            case ResidualBlock block:
                var children = layer.Children.ToDictionary(c => c.Name, c => c.Layer);
                var main = AddLayer(children["main"], input, LayerTree.Join(path, "main"));
                var skip = children.TryGetValue("projection", out var projection) ? AddLayer(projection, input, LayerTree.Join(path, "projection")) : input;
                var sum = Node("Add", [main.Name, skip.Name], LayerTree.Join(path, "add"), main.Shape);
                return Node("Relu", [sum.Name], path, main.Shape);
            default:
                throw new NotSupportedException(
                    $"ONNX export has no mapping for layer '{layer}' ({layer.GetType().FullName}) at '{path}'; implement {nameof(IOnnxExportable)} on it or map it in {nameof(OnnxGraph)}.{nameof(AddLayer)}");
        }
    }

    /// <summary>The model: IR version 8, the default domain at opset 17, the graph and metadata properties.</summary>
    public byte[] ToModel(string graphName, string producerVersion, IReadOnlyDictionary<string, string>? metadata = null, string? docString = null)
    {
        var model = new ProtoWriter().Int64(1, IrVersion).String(2, "Einthoven").String(3, producerVersion);
        if (docString is not null) model.String(6, docString);
        model.Message(7, g =>
        {
            foreach (var n in nodes) g.Message(1, n);
            g.String(2, graphName);
            foreach (var i in initializers) g.Message(5, i);
            foreach (var i in inputs) g.Message(11, i);
            foreach (var o in outputs) g.Message(12, o);
        });
        model.Message(8, o => o.String(1, "").Int64(2, Opset));
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
            model.Message(14, e => e.String(1, key).String(2, value));
        return model.ToArray();
    }

    private OnnxValue Conv(Conv1d conv, OnnxValue input, string path)
    {
        Expect(input, conv.InChannels, conv, path);
        if (input.Rank != 3) throw new NotSupportedException($"{path}: {conv} expects [N, C, L], got {input}");
        var w = conv.Window;
        string[] operands = conv.Bias is null ? [input.Name, Parameter(conv.Weight, path)] : [input.Name, Parameter(conv.Weight, path), Parameter(conv.Bias, path)];
        return Node("Conv", operands, path, [null, conv.OutChannels, Length(input, w)],
            OnnxAttribute.List("kernel_shape", w.Kernel), OnnxAttribute.List("strides", w.Stride),
            OnnxAttribute.List("pads", w.Padding, w.Padding), OnnxAttribute.List("dilations", w.Dilation), OnnxAttribute.Integer("group", 1));
    }

    /// <summary>The engine's GELU, the tanh form: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))).</summary>
    private OnnxValue TanhGelu(OnnxValue x, string path)
    {
        string Step(string op, string a, string b, string name) => Node(op, [a, b], LayerTree.Join(path, name), x.Shape).Name;
        var square = Step("Mul", x.Name, x.Name, "square");
        var cubic = Step("Mul", square, Constant(LayerTree.Join(path, "a"), 0.044715f), "a_square");
        var inner = Step("Add", cubic, Constant(LayerTree.Join(path, "one"), 1f), "one_plus");
        var poly = Step("Mul", inner, x.Name, "poly");
        var scaled = Step("Mul", poly, Constant(LayerTree.Join(path, "c"), 0.7978845608f), "scaled");
        var tanh = Node("Tanh", [scaled], LayerTree.Join(path, "tanh"), x.Shape).Name;
        var plus = Step("Add", tanh, Constant(LayerTree.Join(path, "one"), 1f), "tanh_plus");
        var times = Step("Mul", plus, x.Name, "times_x");
        return Node("Mul", [times, Constant(LayerTree.Join(path, "half"), 0.5f)], path, x.Shape);
    }

    private string Parameter(Parameter parameter, string path) =>
        Initializer(LayerTree.Join(path, parameter.Name), parameter.Value.Span, parameter.Value.Shape.Select(d => (long)d).ToArray());

    private static int? Length(OnnxValue input, Kernels.Window window) =>
        input.Shape[2] is int length ? window.OutputLength(length) : null;

    private static void Expect(OnnxValue input, int channels, Layer layer, string path)
    {
        if (input.Rank < 2 || input.Shape[1] is int c && c != channels)
            throw new NotSupportedException($"{path}: {layer} expects {channels} channels or features, got {input}");
    }

    private void Claim(string name)
    {
        if (!names.Add(name)) throw new ArgumentException($"the name '{name}' is already used in the graph", nameof(name));
    }

    private static void ValueInfo(ProtoWriter w, OnnxValue value) =>
        w.String(1, value.Name).Message(2, type => type.Message(1, tensor =>
        {
            tensor.Varint(1, FloatType);
            tensor.Message(2, shape =>
            {
                for (var d = 0; d < value.Shape.Count; d++)
                {
                    var dim = value.Shape[d];
                    shape.Message(1, x =>
                    {
                        if (dim is int known) x.Int64(1, known);
                        else x.String(2, d == 0 ? BatchDim : $"{value.Name}_{d}");
                    });
                }
            });
        }));

    private static void Attribute(ProtoWriter w, OnnxAttribute a)
    {
        w.String(1, a.Name);
        // AttributeProto.AttributeType: FLOAT 1, INT 2, INTS 7
        if (a.Float is float f) w.Float(2, f).Varint(20, 1);
        else if (a.Int is long i) w.Int64(3, i).Varint(20, 2);
        else w.PackedInt64(8, a.Ints ?? []).Varint(20, 7);
    }
}
