using Einthoven.Learning.Tensors;

namespace Einthoven.Learning.Layers;

/// <summary>
/// A differentiable operation on a batch. <see cref="Forward"/> remembers what <see cref="Backward"/> needs;
/// <see cref="Backward"/> takes the gradient of the loss with respect to the output, adds parameter gradients into
/// <see cref="Parameter.Grad"/> and returns the gradient with respect to the input.
/// Returned tensors belong to the layer and stay valid until its next call; a layer never modifies its input.
/// </summary>
public abstract class Layer
{
    public abstract Tensor Forward(Tensor input, PassContext context);

    public abstract Tensor Backward(Tensor outputGradient);

    /// <summary>This layer's own trainable parameters (not its children's).</summary>
    public virtual IReadOnlyList<Parameter> OwnParameters => [];

    /// <summary>This layer's own saved, non-trainable state.</summary>
    public virtual IReadOnlyList<StateTensor> OwnState => [];

    /// <summary>Sub-layers with the names used in parameter paths.</summary>
    public virtual IReadOnlyList<(string Name, Layer Layer)> Children => [];

    /// <summary>
    /// A structurally identical layer that shares this one's parameter values but has its own gradients,
    /// activations and copy of the state, so that replicas can run on different threads.
    /// </summary>
    public abstract Layer Replicate();

    /// <summary>A one-line description of the layer and its configuration.</summary>
    public abstract override string ToString();

    protected static void Require(bool condition, string layer, string message)
    {
        if (!condition) throw new ArgumentException($"{layer}: {message}");
    }

    protected static Tensor CopyState(Tensor state) => state.Clone();
}
