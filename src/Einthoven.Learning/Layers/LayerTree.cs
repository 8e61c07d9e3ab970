using Einthoven.Learning.Tensors;

namespace Einthoven.Learning.Layers;

/// <summary>Walks a layer tree in a fixed order, naming parameters and state by path ("0.conv1.weight").</summary>
public static class LayerTree
{
    public static IEnumerable<(string Path, Layer Layer)> Walk(Layer root, string prefix = "")
    {
        yield return (prefix, root);
        foreach (var (name, child) in root.Children)
            foreach (var item in Walk(child, Join(prefix, name)))
                yield return item;
    }

    public static IEnumerable<(string Path, Parameter Parameter)> Parameters(Layer root, string prefix = "") =>
        Walk(root, prefix).SelectMany(n => n.Layer.OwnParameters.Select(p => (Join(n.Path, p.Name), p)));

    public static IEnumerable<(string Path, Tensor Value)> State(Layer root, string prefix = "") =>
        Walk(root, prefix).SelectMany(n => n.Layer.OwnState.Select(s => (Join(n.Path, s.Name), s.Value)));

    /// <summary>Fills every parameter from a seed mixed with its path, so each tensor gets its own stream.</summary>
    public static void Initialize(Layer root, ulong seed, string prefix = "")
    {
        foreach (var (path, parameter) in Parameters(root, prefix))
            parameter.Initialize(SplitMix64.Mix(seed, SplitMix64.Hash(path)));
        foreach (var (path, layer) in Walk(root, prefix))
            if (layer is Dropout dropout) dropout.Salt = SplitMix64.Hash(path);
    }

    public static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;
}
