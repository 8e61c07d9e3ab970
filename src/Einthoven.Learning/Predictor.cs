using Einthoven.Learning.Layers;
using Einthoven.Learning.Tensors;

namespace Einthoven.Learning;

/// <summary>
/// Inference over large batches on several cores: the batch is cut into chunks that run on replicas of the
/// network (sharing its weights). Each sample's output is the same as from <see cref="Network.Predict"/>.
/// One call at a time per predictor; give each concurrent caller its own.
/// </summary>
public sealed class Predictor
{
    private readonly Network[] replicas;
    private readonly Tensor[] masterState;

    public Predictor(Network network, int threads = 0)
    {
        var count = threads > 0 ? threads : Environment.ProcessorCount;
        replicas = Enumerable.Range(0, count).Select(_ => network.Replicate()).ToArray();
        masterState = network.State.Select(s => s.Value).ToArray();
    }

    public int Threads => replicas.Length;

    /// <summary>Outputs [N, ...] for inputs [N, ...] (and features [N, F] when the network takes them).</summary>
    public Tensor Predict(Tensor input, Tensor? features = null, int chunk = 256)
    {
        if (chunk < 1) throw new ArgumentException("chunk size must be positive", nameof(chunk));
        var n = input.Dim(0);
        if (features is not null && features.Dim(0) != n)
            throw new ArgumentException($"features {features} do not match the {n} inputs", nameof(features));
        SyncState();
        var chunks = (n + chunk - 1) / chunk;
        var outputs = new Tensor?[chunks];
        Parallel.For(0, Math.Min(replicas.Length, chunks), new ParallelOptions { MaxDegreeOfParallelism = replicas.Length }, worker =>
        {
            for (var c = worker; c < chunks; c += replicas.Length)
            {
                var start = c * chunk;
                var size = Math.Min(chunk, n - start);
                var x = Slice(input, start, size);
                var f = features is null ? null : Slice(features, start, size);
                outputs[c] = replicas[worker].Forward(x, f, PassContext.Inference).Clone();
            }
        });
        return Join(outputs!, n);
    }

    private void SyncState()
    {
        foreach (var replica in replicas)
        {
            var state = replica.State.Select(s => s.Value).ToArray();
            for (var i = 0; i < state.Length; i++) masterState[i].Span.CopyTo(state[i].Span);
        }
    }

    private static Tensor Slice(Tensor t, int start, int size)
    {
        var per = t.Length / t.Dim(0);
        var shape = (int[])t.Shape.Clone();
        shape[0] = size;
        return new Tensor(t.Data.AsSpan(start * per, size * per).ToArray(), shape);
    }

    private static Tensor Join(Tensor[] parts, int n)
    {
        var shape = (int[])parts[0].Shape.Clone();
        shape[0] = n;
        var result = new Tensor(shape);
        var offset = 0;
        foreach (var part in parts)
        {
            part.Span.CopyTo(result.Span[offset..]);
            offset += part.Length;
        }
        return result;
    }
}
