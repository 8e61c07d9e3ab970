namespace Einthoven.Learning.Training;

/// <summary>A copy of a network's parameter values and state, to restore the best epoch.</summary>
internal sealed class WeightSnapshot
{
    private readonly float[][] values;

    public WeightSnapshot(Network network) => values = Tensors(network).Select(t => (float[])t.Data.Clone()).ToArray();

    public void Restore(Network network)
    {
        var targets = Tensors(network).ToArray();
        for (var i = 0; i < targets.Length; i++) values[i].CopyTo(targets[i].Data, 0);
    }

    private static IEnumerable<Einthoven.Learning.Tensors.Tensor> Tensors(Network network) =>
        network.Parameters.Select(p => p.Parameter.Value).Concat(network.State.Select(s => s.Value));
}
