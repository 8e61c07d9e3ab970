using Einthoven.Learning.Serialization;
using Einthoven.Models.Analysis;
using Einthoven.Signal.Analysis;
using Einthoven.Signal.Records;

namespace Einthoven.Models.Pacemaker;

/// <summary>
/// The per-record pacemaker decision (SPEC C4, C8): the pacing-spike rule of the signal library where stimuli survive
/// sampling, and a learned model (<see cref="PacemakerModel"/>) on spike and morphology features everywhere. Strong
/// spike evidence decides alone: at 200 Hz or more, a record the rule calls paced on stimuli before at least
/// <see cref="StrongSpikeFraction"/> of its beats is paced with probability at least <see cref="StrongSpikeProbability"/>.
/// Otherwise the model's probability against its threshold decides. Safe to share between threads.
/// </summary>
public sealed class PacemakerDetector(PacemakerModel model, ModelVersion version)
{
    public const string ShippedCardFile = "pacemaker.card.json";
    public const double StrongSpikeFraction = 0.3, StrongSpikeProbability = 0.95, SpikeRate = 200;

    private static readonly Lazy<PacemakerDetector> ShippedDetector = new(LoadShipped, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The shipped detector, loaded (and hash-checked) on first use, once per process.</summary>
    public static PacemakerDetector Shipped => ShippedDetector.Value;

    public static string ShippedCardPath => Path.Combine(AppContext.BaseDirectory, "Weights", ShippedCardFile);

    public static PacemakerDetector LoadShipped() => LoadCard(ShippedCardPath);

    /// <summary>A detector from its card, verifying the weights file's SHA-256 against the card first.</summary>
    public static PacemakerDetector LoadCard(string cardPath)
    {
        var card = ModelCard.Load(cardPath);
        return new PacemakerDetector(PacemakerModel.Load(card.VerifiedWeightsPath(cardPath)), new ModelVersion(card.Name, card.Version));
    }

    public PacemakerModel Model => model;

    public ModelVersion Version => version;

    public PacemakerVerdict Detect(EcgRecord record) => Detect(record, RecordAnalyzer.AnalyzeInDetail(record));

    /// <summary>The verdict from a record and its analysis (reused, not repeated).</summary>
    public PacemakerVerdict Detect(EcgRecord record, RecordAnalysis analysis) =>
        Decide(PacemakerFeatures.Compute(record, analysis), record.Info.SamplingFrequency);

    /// <summary>The verdict from features already computed at sampling rate <paramref name="fs"/>.</summary>
    public PacemakerVerdict Decide(IReadOnlyList<double> features, double fs)
    {
        var p = model.Probability(features);
        var strong = fs >= SpikeRate && features[0] > 0.5 && features[1] >= StrongSpikeFraction;
        var probability = Math.Round(strong ? Math.Max(p, StrongSpikeProbability) : p, 4);
        var name = $"{version.Name}-{version.Version}";
        return new PacemakerVerdict(strong || p >= model.Threshold, probability, strong ? "spikes" : "model", name);
    }
}
