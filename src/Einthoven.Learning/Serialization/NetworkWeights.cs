using Einthoven.Learning.Tensors;

namespace Einthoven.Learning.Serialization;

/// <summary>
/// Saves a network's parameters and state (by path) to .safetensors and loads them back. Loading checks the file
/// against the network - every tensor present, no unknown tensor, every shape equal - before changing anything.
/// </summary>
public static class NetworkWeights
{
    public static void Save(Network network, string path, IReadOnlyDictionary<string, string>? metadata = null) =>
        SafeTensors.Write(path, Tensors(network), metadata);

    public static IReadOnlyDictionary<string, string> Load(Network network, string path)
    {
        var content = SafeTensors.Read(path);
        Apply(network, content, path);
        return content.Metadata;
    }

    public static void Apply(Network network, SafeTensorsContent content, string file)
    {
        var stored = new Dictionary<string, Tensor>();
        foreach (var (name, tensor) in content.Tensors) stored[name] = tensor;
        var expected = Tensors(network).ToList();
        foreach (var (name, tensor) in expected)
        {
            if (!stored.TryGetValue(name, out var found))
                throw new ModelFormatException(file, name, "missing: the model needs this tensor");
            if (!found.HasShape(tensor.Shape))
                throw new ModelFormatException(file, name, $"shape {Tensor.Format(found.Shape)} does not match the model's {Tensor.Format(tensor.Shape)}");
            if (found.Data.Any(v => !float.IsFinite(v)))
                throw new ModelFormatException(file, name, "contains NaN or infinity");
        }
        var unknown = stored.Keys.Except(expected.Select(e => e.Name)).FirstOrDefault();
        if (unknown is not null) throw new ModelFormatException(file, unknown, "not a tensor of this model (wrong architecture?)");
        foreach (var (name, tensor) in expected) stored[name].Data.CopyTo(tensor.Data, 0);
    }

    private static IEnumerable<(string Name, Tensor Tensor)> Tensors(Network network) =>
        network.Parameters.Select(p => (p.Path, p.Parameter.Value)).Concat(network.State.Select(s => (s.Path, s.Value)));
}
