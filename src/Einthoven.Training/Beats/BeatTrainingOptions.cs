namespace Einthoven.Training.Beats;

/// <summary>How the beat classifier is trained; the defaults are the ones chosen by cross-validation on DS1.</summary>
public sealed record BeatTrainingOptions
{
    /// <summary>Epochs of the morphology expert.</summary>
    public int Epochs { get; init; } = 6;

    /// <summary>Epochs of the rhythm expert (a small network: cheap).</summary>
    public int RhythmEpochs { get; init; } = 15;
    public int BatchSize { get; init; } = 128;
    public float LearningRate { get; init; } = 2e-3f;
    public float WeightDecay { get; init; } = 1e-3f;
    public float Dropout { get; init; } = 0.3f;

    /// <summary>Class weight = (beats / (classes * beats of the class)) ^ power: 0 for none, 1 for fully balanced.</summary>
    public double ClassWeightPower { get; init; } = 0.5;

    /// <summary>No class weighs more than this many times the lightest.</summary>
    public double MaxClassWeightRatio { get; init; } = 50;

    /// <summary>
    /// A class with fewer training beats than this is not weighted up: it keeps the lightest weight. DS1 has 5 Q
    /// beats; weighted about 50 times an N beat, they left a Q output that called unfamiliar V beats Q (v4).
    /// </summary>
    public int MinBeatsToWeightUp { get; init; } = 50;

    /// <summary>
    /// Random changes to the morphology expert's training windows. DS1 cross-validation scored amplitude jitter alone
    /// and these with baseline ramp, noise and shift the same (mean Se and +P of N, S, V 81.8 % both); the fuller
    /// augmentation is kept for its N +P (98.8 against 98.5 %) and because inter-patient it can only widen what the
    /// network has seen.
    /// </summary>
    public BeatAugmentation Augmentation { get; init; } = new(AmplitudeJitter: 0.15f, BaselineRamp: 0.1f, Noise: 0.03f, ShiftSamples: 2);

    /// <summary>Synthetic irregular-rhythm N beats for the rhythm expert, as a fraction of the real N beats (see <see cref="IrregularRhythm"/>).</summary>
    public double IrregularRhythmFraction { get; init; } = 0.5;

    /// <summary>Expert pairs trained from different seeds whose probabilities are averaged.</summary>
    public int EnsembleSize { get; init; } = 3;

    public ulong Seed { get; init; } = 2004;

    public int Threads { get; init; } = Environment.ProcessorCount;

    internal void Validate()
    {
        if (Epochs < 1 || RhythmEpochs < 1 || BatchSize < 2 || EnsembleSize < 1 || Threads < 1)
            throw new ArgumentException("beat training: epochs, ensemble size and threads must be positive and the batch at least 2");
        Augmentation.Validate();
        if (!(LearningRate > 0) || WeightDecay < 0 || Dropout is < 0 or >= 1 || ClassWeightPower < 0 || IrregularRhythmFraction is < 0 or > 10 || !(MaxClassWeightRatio >= 1) || MinBeatsToWeightUp < 0)
            throw new ArgumentException("beat training: learning rate must be positive, weight decay and class-weight power not negative, dropout in [0, 1), weight ratio at least 1, minimum beats to weight up not negative");
    }
}

/// <summary>
/// Where training is: ensemble member (from 0), expert ("morphology" or "rhythm"), epoch and batch, and roughly what
/// fraction of the whole run is done (the morphology expert takes most of the time).
/// </summary>
public readonly record struct BeatTrainingProgress(int Member, int Members, string Expert, int Epoch, int Epochs, int Batch, int Batches, double RunningLoss)
{
    private const double MorphologyShare = 0.9;

    public double Fraction
    {
        get
        {
            var within = ((Epoch - 1) * (double)Batches + Batch) / ((double)Epochs * Batches);
            var memberDone = Expert == "morphology" ? MorphologyShare * within : MorphologyShare + (1 - MorphologyShare) * within;
            return (Member + memberDone) / Members;
        }
    }
}
