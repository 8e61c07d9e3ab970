using Einthoven.Learning.Tensors;

namespace Einthoven.Learning.Layers;

/// <summary>[N, d1, d2, ...] -> [N, d1 * d2 * ...], sharing the buffer.</summary>
public sealed class Flatten : Layer
{
    private int[] inputShape = [];

    public override Layer Replicate() => new Flatten();
    public override string ToString() => "Flatten";

    public override Tensor Forward(Tensor x, PassContext context)
    {
        inputShape = x.Shape;
        return x.Reshape(x.Dim(0), x.Length / Math.Max(1, x.Dim(0)));
    }

    public override Tensor Backward(Tensor dy) => dy.Reshape(inputShape);
}
