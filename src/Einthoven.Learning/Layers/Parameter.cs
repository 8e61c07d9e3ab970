using Einthoven.Learning.Tensors;

namespace Einthoven.Learning.Layers;

/// <summary>How a parameter is filled before training.</summary>
public enum Init
{
    Zeros,
    Ones,
    /// <summary>He uniform, U(-sqrt(6 / fanIn), +sqrt(6 / fanIn)), for weights feeding ReLU-like units.</summary>
    HeUniform,
}

/// <summary>
/// A trainable tensor and its gradient. <see cref="Decay"/> marks the weights that weight decay applies to
/// (convolution and dense weights, not biases or normalisation scales).
/// </summary>
public sealed class Parameter
{
    public Parameter(string name, int[] shape, Init init, int fanIn = 1, bool decay = false)
        : this(name, new Tensor(shape), init, fanIn, decay)
    {
        Initialize(SplitMix64.Hash(name));
    }

    private Parameter(string name, Tensor value, Init init, int fanIn, bool decay)
    {
        Name = name;
        Value = value;
        Grad = new Tensor(value.Shape);
        InitKind = init;
        FanIn = fanIn;
        Decay = decay;
    }

    /// <summary>The name inside its layer, e.g. "weight"; full paths come from <see cref="LayerTree"/>.</summary>
    public string Name { get; }
    public Tensor Value { get; }
    public Tensor Grad { get; }
    public Init InitKind { get; }
    public int FanIn { get; }
    public bool Decay { get; }

    public void Initialize(ulong seed)
    {
        var values = Value.Span;
        switch (InitKind)
        {
            case Init.Zeros: values.Clear(); break;
            case Init.Ones: values.Fill(1f); break;
            default:
                var bound = MathF.Sqrt(6f / Math.Max(1, FanIn));
                var rng = new SplitMix64(seed);
                for (var i = 0; i < values.Length; i++) values[i] = (2f * rng.NextFloat() - 1f) * bound;
                break;
        }
    }

    /// <summary>A parameter that shares this one's values but has its own gradient (for data-parallel replicas).</summary>
    internal Parameter ShareValue() => new(Name, Value, InitKind, FanIn, Decay);
}

/// <summary>A non-trainable state tensor that is saved with the weights (e.g. batch-norm running statistics).</summary>
public sealed record StateTensor(string Name, Tensor Value);
