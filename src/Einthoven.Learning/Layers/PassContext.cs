namespace Einthoven.Learning.Layers;

/// <summary>
/// How one forward pass runs: training (batch statistics, dropout) or inference, the seed that makes stochastic
/// layers reproducible, and how many threads a layer's matrix products may use.
/// </summary>
public readonly record struct PassContext(bool Training, ulong Seed = 0, int Threads = 1)
{
    public static PassContext Inference => new(false);
    public static PassContext Train(ulong seed) => new(true, seed);
}
