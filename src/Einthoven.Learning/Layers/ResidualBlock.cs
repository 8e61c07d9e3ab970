using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Einthoven.Learning.Tensors;

namespace Einthoven.Learning.Layers;

/// <summary>
/// relu(bn2(conv2(relu(bn1(conv1(x))))) + skip(x)), with "same" padding. The skip is the identity, or a 1x1
/// convolution + batch norm ("projection") when the channel count or stride changes.
/// </summary>
public sealed class ResidualBlock : Layer
{
    private readonly Sequential main;
    private readonly Sequential? projection;
    private readonly Relu outputRelu;
    private Tensor? sum, inputGradient;

    public ResidualBlock(int inChannels, int outChannels, int kernel, int stride = 1, int dilation = 1)
    {
        Require(kernel % 2 == 1, "ResidualBlock", "kernel must be odd so that padding keeps the length");
        var padding = dilation * (kernel - 1) / 2;
        InChannels = inChannels;
        OutChannels = outChannels;
        Kernel = kernel;
        Stride = stride;
        Dilation = dilation;
        main = new Sequential(
            new Conv1d(inChannels, outChannels, kernel, stride, padding, dilation, bias: false),
            new BatchNorm1d(outChannels),
            new Relu(),
            new Conv1d(outChannels, outChannels, kernel, 1, padding, dilation, bias: false),
            new BatchNorm1d(outChannels));
        if (inChannels != outChannels || stride != 1)
            projection = new Sequential(new Conv1d(inChannels, outChannels, 1, stride, 0, 1, bias: false), new BatchNorm1d(outChannels));
        outputRelu = new Relu();
    }

    private ResidualBlock(ResidualBlock source)
    {
        (InChannels, OutChannels, Kernel, Stride, Dilation) = (source.InChannels, source.OutChannels, source.Kernel, source.Stride, source.Dilation);
        main = (Sequential)source.main.Replicate();
        projection = (Sequential?)source.projection?.Replicate();
        outputRelu = new Relu();
    }

    public int InChannels { get; }
    public int OutChannels { get; }
    public int Kernel { get; }
    public int Stride { get; }
    public int Dilation { get; }
    public bool HasProjection => projection is not null;

    public override IReadOnlyList<(string Name, Layer Layer)> Children =>
        projection is null ? [("main", main)] : [("main", main), ("projection", projection)];

    public override Layer Replicate() => new ResidualBlock(this);

    public override string ToString() =>
        $"ResidualBlock({InChannels}->{OutChannels}, k={Kernel}, s={Stride}, d={Dilation}{(projection is null ? "" : ", projection")})";

    public override Tensor Forward(Tensor x, PassContext context)
    {
        var m = main.Forward(x, context);
        var skip = projection?.Forward(x, context) ?? x;
        Require(skip.HasShape(m.Shape), ToString(), $"skip shape {skip} differs from main path {m}");
        var total = Tensor.Reuse(ref sum, m.Shape);
        TensorPrimitives.Add(m.Span, skip.Span, total.Span);
        return outputRelu.Forward(total, context);
    }

    public override Tensor Backward(Tensor dy)
    {
        var dSum = outputRelu.Backward(dy);
        var dMain = main.Backward(dSum);
        var dSkip = projection?.Backward(dSum) ?? dSum;
        var dx = Tensor.Reuse(ref inputGradient, dMain.Shape);
        TensorPrimitives.Add(dMain.Span, dSkip.Span, dx.Span);
        return dx;
    }
}
