using System.Text;
using Einthoven.Learning.Layers;
using Einthoven.Learning.Tensors;

namespace Einthoven.Learning;

/// <summary>
/// A trainable model: a trunk over the signal input ([N, C, L] or [N, F]), optionally followed by the concatenation
/// of extra per-sample features (e.g. RR intervals) and a head. With features, the trunk must end in [N, F]
/// (e.g. after <see cref="GlobalAvgPool1d"/>) and the head sees [N, F + FeatureCount].
/// Parameter paths are "trunk.…" and "head.…".
/// </summary>
public sealed class Network
{
    private Tensor? concatenated, trunkGradient;
    private int trunkWidth;

    public Network(Layer trunk, Layer? head = null, int featureCount = 0, ulong seed = 0)
        : this(trunk, head, featureCount)
    {
        Initialize(seed);
    }

    private Network(Layer trunk, Layer? head, int featureCount)
    {
        if (featureCount < 0) throw new ArgumentException("feature count must not be negative", nameof(featureCount));
        if (featureCount > 0 && head is null) throw new ArgumentException("extra features need a head to feed", nameof(head));
        Trunk = trunk;
        Head = head;
        FeatureCount = featureCount;
    }

    public Layer Trunk { get; }
    public Layer? Head { get; }
    public int FeatureCount { get; }

    public IEnumerable<(string Path, Parameter Parameter)> Parameters =>
        LayerTree.Parameters(Trunk, "trunk").Concat(Head is null ? [] : LayerTree.Parameters(Head, "head"));

    public IEnumerable<(string Path, Tensor Value)> State =>
        LayerTree.State(Trunk, "trunk").Concat(Head is null ? [] : LayerTree.State(Head, "head"));

    public long ParameterCount => Parameters.Sum(p => (long)p.Parameter.Value.Length);

    /// <summary>Re-draws every parameter from <paramref name="seed"/> (each tensor from its own stream).</summary>
    public void Initialize(ulong seed)
    {
        LayerTree.Initialize(Trunk, seed, "trunk");
        if (Head is not null) LayerTree.Initialize(Head, seed, "head");
    }

    /// <summary>Runs the model; the returned tensor belongs to the network until the next call.</summary>
    public Tensor Forward(Tensor input, Tensor? features, PassContext context)
    {
        var h = Trunk.Forward(input, context);
        if (FeatureCount > 0)
        {
            if (features is null || !features.HasShape(input.Dim(0), FeatureCount))
                throw new ArgumentException($"network expects features [{input.Dim(0)}, {FeatureCount}], got {features?.ToString() ?? "none"}");
            if (h.Rank != 2) throw new ArgumentException($"trunk must end in [N, F] to append features, got {h}");
            h = Concatenate(h, features);
        }
        return Head?.Forward(h, context) ?? h;
    }

    /// <summary>Back-propagates d loss / d output, accumulating parameter gradients; returns d loss / d input.</summary>
    public Tensor Backward(Tensor outputGradient)
    {
        var g = Head?.Backward(outputGradient) ?? outputGradient;
        if (FeatureCount > 0) g = TrunkPart(g);
        return Trunk.Backward(g);
    }

    public void ZeroGradients()
    {
        foreach (var (_, p) in Parameters) p.Grad.Clear();
    }

    /// <summary>Inference on a whole batch; returns a fresh tensor.</summary>
    public Tensor Predict(Tensor input, Tensor? features = null, int threads = 1) =>
        Forward(input, features, PassContext.Inference with { Threads = threads }).Clone();

    /// <summary>A network sharing this one's parameter values, with its own gradients, activations and state copy.</summary>
    public Network Replicate() => new(Trunk.Replicate(), Head?.Replicate(), FeatureCount);

    /// <summary>A readable multi-line description of the architecture, for model cards.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine($"trunk: {Trunk}");
        if (FeatureCount > 0) text.AppendLine($"concat: {FeatureCount} extra features");
        if (Head is not null) text.AppendLine($"head: {Head}");
        text.Append($"parameters: {ParameterCount}");
        return text.ToString();
    }

    private Tensor Concatenate(Tensor h, Tensor features)
    {
        int n = h.Dim(0);
        trunkWidth = h.Dim(1);
        var width = trunkWidth + FeatureCount;
        var joined = Tensor.Reuse(ref concatenated, n, width);
        for (var s = 0; s < n; s++)
        {
            h.Sample(s).CopyTo(joined.Sample(s));
            features.Sample(s).CopyTo(joined.Sample(s)[trunkWidth..]);
        }
        return joined;
    }

    private Tensor TrunkPart(Tensor g)
    {
        var n = g.Dim(0);
        var part = Tensor.Reuse(ref trunkGradient, n, trunkWidth);
        for (var s = 0; s < n; s++) g.Sample(s)[..trunkWidth].CopyTo(part.Sample(s));
        return part;
    }
}
