using Einthoven.Learning.Layers;
using Einthoven.Learning.Losses;
using Einthoven.Learning.Tensors;

namespace Einthoven.Learning.Training;

/// <summary>
/// Data parallelism with a deterministic result. A batch is cut into a fixed number of shards (a function of the
/// batch size only, never of the thread count); each shard runs on its own replica of the network, which shares
/// the parameter values but keeps its own gradients, activations and copy of the state. Gradients are then summed
/// in shard order and the state (batch-norm running statistics) averaged in shard order, so the same seed gives
/// bitwise the same weights however the threads are scheduled.
/// </summary>
internal sealed class ReplicaPool
{
    private readonly Network master;
    private readonly Network[] replicas;
    private readonly Parameter[] masterParameters;
    private readonly Parameter[][] replicaParameters;
    private readonly Tensor[] masterState;
    private readonly Tensor[][] replicaState;
    private readonly ShardBuffers[] buffers;
    private readonly ParallelOptions parallel;

    public ReplicaPool(Network master, int shards, int threads)
    {
        if (shards < 1 || threads < 1) throw new ArgumentException("shards and threads must be at least 1");
        this.master = master;
        replicas = Enumerable.Range(0, shards).Select(_ => master.Replicate()).ToArray();
        masterParameters = master.Parameters.Select(p => p.Parameter).ToArray();
        replicaParameters = replicas.Select(r => r.Parameters.Select(p => p.Parameter).ToArray()).ToArray();
        masterState = master.State.Select(s => s.Value).ToArray();
        replicaState = replicas.Select(r => r.State.Select(s => s.Value).ToArray()).ToArray();
        buffers = Enumerable.Range(0, shards).Select(_ => new ShardBuffers()).ToArray();
        parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
    }

    /// <summary>
    /// Forward and backward over the samples <paramref name="indices"/>; leaves the gradient of the mean loss in the
    /// master's parameters and the updated state in the master. Returns the summed loss.
    /// </summary>
    public double TrainBatch(IDataset data, int[] indices, ILoss loss, ulong stepSeed, ulong sampleSeed)
    {
        var shards = Partition(indices.Length);
        var losses = new double[shards.Length];
        var scale = 1f / indices.Length;
        Parallel.For(0, shards.Length, parallel, s =>
        {
            var replica = replicas[s];
            for (var i = 0; i < masterState.Length; i++) masterState[i].Span.CopyTo(replicaState[s][i].Span);
            replica.ZeroGradients();
            var b = buffers[s];
            b.Fill(data, indices.AsSpan(shards[s].Start, shards[s].Count), training: true, sampleSeed);
            var output = replica.Forward(b.Input!, b.Features, PassContext.Train(SplitMix64.Mix(stepSeed, (ulong)s)));
            var gradient = Tensor.Reuse(ref b.Gradient, output.Shape);
            losses[s] = loss.Evaluate(output, b.Targets!, gradient, scale);
            replica.Backward(gradient);
        });
        ReduceGradients(shards.Length);
        AverageState(shards, indices.Length);
        return losses.Sum();
    }

    /// <summary>
    /// Inference over <paramref name="indices"/>, writing outputs [n, outputs] and targets [n, width]; returns the
    /// summed loss when <paramref name="loss"/> is given.
    /// </summary>
    public double Infer(IDataset data, int[] indices, Span<float> outputs, Span<float> targets, ILoss? loss, int outputWidth)
    {
        var shards = Partition(indices.Length);
        var losses = new double[shards.Length];
        var results = new Tensor[shards.Length];
        Parallel.For(0, shards.Length, parallel, s =>
        {
            var b = buffers[s];
            b.Fill(data, indices.AsSpan(shards[s].Start, shards[s].Count), training: false, 0);
            var output = replicas[s].Forward(b.Input!, b.Features, PassContext.Inference);
            results[s] = output;
            if (loss is not null) losses[s] = loss.Evaluate(output, b.Targets!);
        });
        for (var s = 0; s < shards.Length; s++)
        {
            if (results[s].Rank != 2 || results[s].Dim(1) != outputWidth)
                throw new InvalidOperationException($"network output {results[s]} is not [N, {outputWidth}]");
            results[s].Span.CopyTo(outputs.Slice(shards[s].Start * outputWidth));
            buffers[s].Targets!.Span.CopyTo(targets.Slice(shards[s].Start * data.TargetWidth));
        }
        return losses.Sum();
    }

    /// <summary>Copies the master's state (e.g. running statistics) into every replica before inference.</summary>
    public void SyncState()
    {
        foreach (var state in replicaState)
            for (var i = 0; i < masterState.Length; i++) masterState[i].Span.CopyTo(state[i].Span);
    }

    /// <summary>At most the configured shard count, and at least two samples per shard so batch statistics exist.</summary>
    private (int Start, int Count)[] Partition(int n)
    {
        var count = Math.Clamp(n / 2, 1, replicas.Length);
        var result = new (int, int)[count];
        for (int s = 0, start = 0; s < count; s++)
        {
            var size = n / count + (s < n % count ? 1 : 0);
            result[s] = (start, size);
            start += size;
        }
        return result;
    }

    private void ReduceGradients(int shards)
    {
        Parallel.For(0, masterParameters.Length, parallel, p =>
        {
            var total = masterParameters[p].Grad.Span;
            replicaParameters[0][p].Grad.Span.CopyTo(total);
            for (var s = 1; s < shards; s++)
                System.Numerics.Tensors.TensorPrimitives.Add(total, replicaParameters[s][p].Grad.Span, total);
        });
    }

    private void AverageState((int Start, int Count)[] shards, int n)
    {
        for (var i = 0; i < masterState.Length; i++)
        {
            var total = masterState[i].Span;
            total.Clear();
            for (var s = 0; s < shards.Length; s++)
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(replicaState[s][i].Span, (float)shards[s].Count / n, total, total);
        }
    }

    /// <summary>Per-shard batch tensors, reused while the batch shape stays the same.</summary>
    private sealed class ShardBuffers
    {
        public Tensor? Input, Features, Targets, Gradient;

        public void Fill(IDataset data, ReadOnlySpan<int> indices, bool training, ulong sampleSeed)
        {
            var n = indices.Length;
            var input = Tensor.Reuse(ref Input, [n, .. data.SampleShape]);
            var features = data.FeatureCount > 0 ? Tensor.Reuse(ref Features, n, data.FeatureCount) : null;
            var targets = Tensor.Reuse(ref Targets, n, data.TargetWidth);
            for (var i = 0; i < n; i++)
            {
                var slot = new SampleSlot(input.Sample(i), features is null ? default : features.Sample(i), targets.Sample(i),
                    training, SplitMix64.Mix(sampleSeed, (ulong)indices[i]));
                data.Fill(indices[i], slot);
            }
        }
    }
}
