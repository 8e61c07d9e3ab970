using System.Diagnostics;
using Einthoven.Learning.Losses;
using Einthoven.Learning.Optimizers;
using Einthoven.Learning.Tensors;

namespace Einthoven.Learning.Training;

/// <summary>
/// Mini-batch training with seeded shuffling, deterministic data parallelism (<see cref="ReplicaPool"/>),
/// optional gradient clipping, and early stopping on a validation set with best-weight restore.
/// The same seed and options give bitwise the same weights on the same machine and GEMM backend.
/// </summary>
public sealed class Trainer
{
    private readonly ReplicaPool pool;

    public Trainer(Network network, ILoss loss, Optimizer optimizer, TrainerOptions? options = null)
    {
        Network = network;
        Loss = loss;
        Optimizer = optimizer;
        Options = options ?? new TrainerOptions();
        Options.Validate();
        pool = new ReplicaPool(network, Options.Shards, Options.Threads);
    }

    public Network Network { get; }
    public ILoss Loss { get; }
    public Optimizer Optimizer { get; }
    public TrainerOptions Options { get; }

    /// <summary>Called after every epoch (e.g. to advance a progress bar or log).</summary>
    public Action<EpochReport>? EpochCompleted { get; set; }

    /// <summary>Called after every batch.</summary>
    public Action<BatchProgress>? BatchCompleted { get; set; }

    /// <summary>Optimiser steps per epoch for a training set of <paramref name="count"/> samples.</summary>
    public static int BatchesPerEpoch(int count, int batchSize) => (count + batchSize - 1) / batchSize;

    public TrainingResult Fit(IDataset train, IDataset? validation = null, CancellationToken cancellation = default)
    {
        CheckCompatible(train, nameof(train));
        if (validation is not null) CheckCompatible(validation, nameof(validation));
        if (train.Count == 0) throw new ArgumentException("the training set is empty", nameof(train));
        var history = new List<EpochReport>();
        WeightSnapshot? best = null;
        double? bestScore = null;
        int bestEpoch = 0, sinceBest = 0;
        var order = Enumerable.Range(0, train.Count).ToArray();
        for (var epoch = 1; epoch <= Options.Epochs; epoch++)
        {
            var watch = Stopwatch.StartNew();
            var rate = Optimizer.LearningRate;
            var trainLoss = RunEpoch(train, order, epoch, cancellation);
            double? validationLoss = null, score = null;
            var improved = false;
            if (validation is not null && validation.Count > 0)
            {
                var evaluation = Evaluate(validation);
                validationLoss = evaluation.MeanLoss;
                score = Options.ValidationScore?.Invoke(evaluation.Outputs, evaluation.Targets) ?? -evaluation.MeanLoss;
                improved = bestScore is null || score > bestScore;
                if (improved)
                {
                    (bestScore, bestEpoch, sinceBest) = (score, epoch, 0);
                    if (Options.RestoreBestWeights) best = new WeightSnapshot(Network);
                }
                else sinceBest++;
            }
            var report = new EpochReport(epoch, Options.Epochs, trainLoss, validationLoss, score, rate, improved, watch.Elapsed);
            history.Add(report);
            EpochCompleted?.Invoke(report);
            if (Options.Patience > 0 && sinceBest >= Options.Patience)
            {
                best?.Restore(Network);
                return new TrainingResult(history, bestEpoch, bestScore, StoppedEarly: true);
            }
        }
        best?.Restore(Network);
        return new TrainingResult(history, bestEpoch == 0 ? history.Count : bestEpoch, bestScore, StoppedEarly: false);
    }

    /// <summary>Inference over a whole dataset (all shards in parallel) with the mean loss.</summary>
    public Evaluation Evaluate(IDataset data)
    {
        CheckCompatible(data, nameof(data));
        pool.SyncState();
        var outputWidth = OutputWidth(data);
        var outputs = new Tensor(data.Count, outputWidth);
        var targets = new Tensor(data.Count, data.TargetWidth);
        double total = 0;
        var batch = Math.Max(Options.BatchSize, 2 * Options.Shards);
        for (var start = 0; start < data.Count; start += batch)
        {
            var indices = Enumerable.Range(start, Math.Min(batch, data.Count - start)).ToArray();
            total += pool.Infer(data, indices, outputs.Span[(start * outputWidth)..], targets.Span[(start * data.TargetWidth)..], Loss, outputWidth);
        }
        return new Evaluation(outputs, targets, data.Count == 0 ? 0 : total / data.Count);
    }

    private double RunEpoch(IDataset train, int[] order, int epoch, CancellationToken cancellation)
    {
        var epochSeed = SplitMix64.Mix(Options.Seed, (ulong)epoch);
        new SplitMix64(epochSeed).Shuffle(order.AsSpan());
        var batches = BatchesPerEpoch(train.Count, Options.BatchSize);
        double total = 0;
        for (int b = 0, start = 0; b < batches; b++)
        {
            cancellation.ThrowIfCancellationRequested();
            var size = train.Count / batches + (b < train.Count % batches ? 1 : 0);
            var indices = order.AsSpan(start, size).ToArray();
            start += size;
            var stepSeed = SplitMix64.Mix(Options.Seed ^ 0x5EEDUL, (ulong)Optimizer.StepCount);
            var loss = pool.TrainBatch(train, indices, Loss, stepSeed, epochSeed);
            if (!double.IsFinite(loss))
                throw new InvalidOperationException($"training diverged: loss is {loss} in epoch {epoch}, batch {b + 1}; lower the learning rate");
            total += loss;
            if (Options.MaxGradientNorm > 0) ClipGradients();
            Optimizer.Step();
            BatchCompleted?.Invoke(new BatchProgress(epoch, b + 1, batches, total / (start)));
        }
        return total / train.Count;
    }

    private void ClipGradients()
    {
        double squares = 0;
        foreach (var p in Optimizer.Parameters) squares += System.Numerics.Tensors.TensorPrimitives.SumOfSquares(p.Grad.Span);
        var norm = Math.Sqrt(squares);
        if (norm <= Options.MaxGradientNorm) return;
        var factor = (float)(Options.MaxGradientNorm / norm);
        foreach (var p in Optimizer.Parameters) System.Numerics.Tensors.TensorPrimitives.Multiply(p.Grad.Span, factor, p.Grad.Span);
    }

    private int OutputWidth(IDataset data)
    {
        var probe = new Tensor([1, .. data.SampleShape]);
        var features = data.FeatureCount > 0 ? new Tensor(1, data.FeatureCount) : null;
        var output = Network.Replicate().Forward(probe, features, Layers.PassContext.Inference);
        if (output.Rank != 2) throw new InvalidOperationException($"network output {output} is not [N, C]; end the model with pooling or Flatten");
        return output.Dim(1);
    }

    private void CheckCompatible(IDataset data, string name)
    {
        if (data.FeatureCount != Network.FeatureCount)
            throw new ArgumentException($"{name} has {data.FeatureCount} extra features, the network expects {Network.FeatureCount}", name);
    }
}
