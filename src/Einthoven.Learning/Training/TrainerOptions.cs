using Einthoven.Learning.Tensors;

namespace Einthoven.Learning.Training;

public sealed record TrainerOptions
{
    public int Epochs { get; init; } = 10;

    /// <summary>Target batch size; an epoch is cut into ceil(count / size) batches of near-equal size.</summary>
    public int BatchSize { get; init; } = 64;

    public ulong Seed { get; init; }

    /// <summary>
    /// Data-parallel shards per batch. The result depends on this number but not on <see cref="Threads"/>;
    /// set it to at least the thread count to use every core.
    /// </summary>
    public int Shards { get; init; } = 4;

    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Stop after this many epochs without a better validation score (0: never stop early).</summary>
    public int Patience { get; init; }

    /// <summary>At the end, put back the weights of the epoch with the best validation score.</summary>
    public bool RestoreBestWeights { get; init; } = true;

    /// <summary>Rescale gradients whose global L2 norm exceeds this (0: no clipping).</summary>
    public float MaxGradientNorm { get; init; }

    /// <summary>
    /// Validation score from (outputs [N, C], targets [N, T]); higher is better. Default: minus the mean loss.
    /// </summary>
    public Func<Tensor, Tensor, double>? ValidationScore { get; init; }

    internal void Validate()
    {
        if (Epochs < 1 || BatchSize < 1 || Shards < 1 || Threads < 1 || Patience < 0 || MaxGradientNorm < 0)
            throw new ArgumentException("trainer options: epochs, batch size, shards and threads must be positive; patience and gradient norm not negative");
    }
}

/// <summary>Progress after one epoch; validation fields are null without a validation set.</summary>
public sealed record EpochReport(int Epoch, int Epochs, double TrainLoss, double? ValidationLoss, double? ValidationScore,
    float LearningRate, bool Improved, TimeSpan Elapsed);

/// <summary>Progress inside an epoch, for progress bars.</summary>
public readonly record struct BatchProgress(int Epoch, int Batch, int Batches, double RunningLoss);

public sealed record TrainingResult(IReadOnlyList<EpochReport> History, int BestEpoch, double? BestScore, bool StoppedEarly);

/// <summary>Outputs and targets of a whole dataset, in dataset order.</summary>
public sealed record Evaluation(Tensor Outputs, Tensor Targets, double MeanLoss);
