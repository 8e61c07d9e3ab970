using Einthoven.Learning.Tensors;

namespace Einthoven.Learning.Layers;

/// <summary>Layers applied in order; children are named "0", "1", ... in parameter paths.</summary>
public sealed class Sequential : Layer
{
    private readonly Layer[] layers;

    public Sequential(params Layer[] layers)
    {
        Require(layers.Length > 0, "Sequential", "needs at least one layer");
        this.layers = layers;
    }

    public IReadOnlyList<Layer> Layers => layers;

    public override IReadOnlyList<(string Name, Layer Layer)> Children =>
        layers.Select((layer, i) => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), layer)).ToArray();

    public override Layer Replicate() => new Sequential(layers.Select(l => l.Replicate()).ToArray());

    public override string ToString() => "Sequential(" + string.Join(", ", layers.Select(l => l.ToString())) + ")";

    public override Tensor Forward(Tensor input, PassContext context)
    {
        foreach (var layer in layers) input = layer.Forward(input, context);
        return input;
    }

    public override Tensor Backward(Tensor gradient)
    {
        for (var i = layers.Length - 1; i >= 0; i--) gradient = layers[i].Backward(gradient);
        return gradient;
    }
}
