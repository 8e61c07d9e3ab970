using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Einthoven.Learning.Kernels;
using Einthoven.Learning.Tensors;

namespace Einthoven.Learning.Layers;

/// <summary>Fully connected [N, in] -> [N, out], y = x Wᵀ + b with W [out, in] as in PyTorch.</summary>
public sealed class Dense : Layer
{
    private readonly Parameter weight;
    private readonly Parameter? bias;
    private Tensor? input, output, inputGradient;
    private int threads = 1;

    public Dense(int inFeatures, int outFeatures, bool bias = true)
    {
        Require(inFeatures > 0 && outFeatures > 0, "Dense", "feature counts must be positive");
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        weight = new Parameter("weight", [outFeatures, inFeatures], Init.HeUniform, inFeatures, decay: true);
        this.bias = bias ? new Parameter("bias", [outFeatures], Init.Zeros) : null;
    }

    private Dense(Dense source)
    {
        InFeatures = source.InFeatures;
        OutFeatures = source.OutFeatures;
        weight = source.weight.ShareValue();
        bias = source.bias?.ShareValue();
    }

    public int InFeatures { get; }
    public int OutFeatures { get; }
    public Parameter Weight => weight;
    public Parameter? Bias => bias;

    public override IReadOnlyList<Parameter> OwnParameters => bias is null ? [weight] : [weight, bias];
    public override Layer Replicate() => new Dense(this);
    public override string ToString() => $"Dense({InFeatures}->{OutFeatures}{(bias is null ? ", no bias" : "")})";

    public override Tensor Forward(Tensor x, PassContext context)
    {
        Require(x.Rank == 2 && x.Dim(1) == InFeatures, ToString(), $"expects [N, {InFeatures}], got {x}");
        input = x;
        threads = context.Threads;
        var n = x.Dim(0);
        var y = Tensor.Reuse(ref output, n, OutFeatures);
        Gemm.Multiply(false, true, n, OutFeatures, InFeatures, 1f, x.Span, InFeatures, weight.Value.Span, InFeatures, 0f, y.Span, OutFeatures, threads);
        if (bias is not null)
            for (var s = 0; s < n; s++) TensorPrimitives.Add(y.Sample(s), bias.Value.Span, y.Sample(s));
        return y;
    }

    public override Tensor Backward(Tensor dy)
    {
        var x = input ?? throw new InvalidOperationException("Dense.Backward called before Forward");
        var n = x.Dim(0);
        var dx = Tensor.Reuse(ref inputGradient, x.Shape);
        Gemm.Multiply(true, false, OutFeatures, InFeatures, n, 1f, dy.Span, OutFeatures, x.Span, InFeatures, 1f, weight.Grad.Span, InFeatures, threads);
        Gemm.Multiply(false, false, n, InFeatures, OutFeatures, 1f, dy.Span, OutFeatures, weight.Value.Span, InFeatures, 0f, dx.Span, InFeatures, threads);
        if (bias is not null)
            for (var s = 0; s < n; s++) TensorPrimitives.Add(bias.Grad.Span, dy.Sample(s), bias.Grad.Span);
        return dx;
    }
}
