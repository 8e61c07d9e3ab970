using Einthoven.Learning.Serialization;
using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Records;

namespace Einthoven.Models.Beats;

/// <summary>A classified beat: where it is, its AAMI class and the probability of every class (indexed by <see cref="AamiClass"/>).</summary>
public sealed record ClassifiedBeat(long Sample, AamiClass Class, IReadOnlyList<float> Probabilities)
{
    public float Confidence => Probabilities[(int)Class];
}

/// <summary>
/// The inter-patient beat classifier: detects the beats of a record (or takes given positions) and assigns each an
/// AAMI class N, S, V, F or Q with probabilities. <see cref="LoadShipped"/> gives the model that ships with Einthoven
/// (trained on MIT-BIH DS1, see its <see cref="Card"/>). Safe to use from several threads.
/// </summary>
public sealed class BeatClassifier
{
    public const string ShippedCardFile = "beats.card.json";

    /// <summary>An R peak closer than this to the record's start or end has part of its QRS unrecorded (half a wide QRS).</summary>
    public const double EdgeSeconds = 0.1;

    public BeatClassifier(BeatEnsemble model, ModelCard? card = null)
    {
        Model = model;
        Card = card;
    }

    public BeatEnsemble Model { get; }
    public ModelCard? Card { get; }

    /// <summary>The shipped weights (Weights/beats.safetensors beside the assembly), checked against their card's hash.</summary>
    public static BeatClassifier LoadShipped() => Load(ShippedCardPath);

    public static string ShippedCardPath => Path.Combine(AppContext.BaseDirectory, "Weights", ShippedCardFile);

    /// <summary>Loads a model from its card, verifying the weights file's SHA-256 against the card first.</summary>
    public static BeatClassifier Load(string cardPath)
    {
        if (!File.Exists(cardPath)) throw new FileNotFoundException($"beat model card not found: {cardPath}", cardPath);
        var card = ModelCard.Load(cardPath);
        return new BeatClassifier(BeatEnsemble.Load(card.VerifiedWeightsPath(cardPath)), card);
    }

    /// <summary>R peaks found by the project's QRS detector on the lead the classifier treats as lead A (agreed by the leads when there are three or more: <see cref="LeadConsensus"/>).</summary>
    public static long[] DetectBeats(EcgRecord record) => LeadConsensus.Detect(record, BeatSignal.ChooseLeads(record.Info).A);

    /// <summary>Detects every beat of <paramref name="record"/> and classifies it.</summary>
    public IReadOnlyList<ClassifiedBeat> Classify(EcgRecord record) => Classify(record, DetectBeats(record));

    /// <summary>Classifies the beats at <paramref name="beats"/> (sample numbers of <paramref name="record"/>, strictly ascending).</summary>
    public IReadOnlyList<ClassifiedBeat> Classify(EcgRecord record, IReadOnlyList<long> beats) => ClassifyWithFeatures(record, beats).Beats;

    /// <summary>Detects and classifies every beat, and gives the network inputs too (for <see cref="PatientAdaptation"/>).</summary>
    public (IReadOnlyList<ClassifiedBeat> Beats, BeatFeatures Features) ClassifyWithFeatures(EcgRecord record) =>
        ClassifyWithFeatures(record, DetectBeats(record));

    private (IReadOnlyList<ClassifiedBeat> Beats, BeatFeatures Features) ClassifyWithFeatures(EcgRecord record, IReadOnlyList<long> beats)
    {
        if (beats.Count == 0) return ([], new BeatFeatures([], []));
        var features = BeatFeatureExtractor.Extract(record, beats);
        return (Classify(record.Info, beats, features), features);
    }

    /// <summary>
    /// Classifies the beats at <paramref name="beats"/> from their network inputs, already extracted from the record
    /// <paramref name="info"/> describes (<see cref="BeatFeatureExtractor.Extract"/>), so that several models can share them.
    /// </summary>
    public IReadOnlyList<ClassifiedBeat> Classify(RecordInfo info, IReadOnlyList<long> beats, BeatFeatures features) =>
        beats.Count == 0 ? [] : Label(beats, Model.Probabilities(features), info.SampleCount, info.SamplingFrequency);

    /// <summary>
    /// Turns flat probabilities [Count, 5] into classified beats: the most probable class of each, except that a beat
    /// whose R peak lies within <see cref="EdgeSeconds"/> of the record's start or end is Q (unclassifiable). Part of
    /// its QRS was not recorded, and the network takes a cut QRS for a V beat (on PTB-XL's 10-s ECGs most false V
    /// beats of normal ECGs were such beats).
    /// </summary>
    /// <param name="sampleCount">The record's length in samples.</param>
    public static IReadOnlyList<ClassifiedBeat> Label(IReadOnlyList<long> beats, float[] probabilities, long sampleCount, double samplingFrequency)
    {
        var edge = EdgeSeconds * samplingFrequency;
        var result = new ClassifiedBeat[beats.Count];
        for (var b = 0; b < beats.Count; b++)
        {
            var p = probabilities.AsSpan(b * AamiMapping.ClassCount, AamiMapping.ClassCount).ToArray();
            var cut = beats[b] < edge || beats[b] > sampleCount - 1 - edge;
            result[b] = new ClassifiedBeat(beats[b], cut ? AamiClass.Q : MostProbable(p), p);
        }
        return result;
    }

    /// <summary>The class with the highest probability (the first of equals).</summary>
    public static AamiClass MostProbable(ReadOnlySpan<float> probabilities) =>
        (AamiClass)System.Numerics.Tensors.TensorPrimitives.IndexOfMax(probabilities);

    /// <summary>WFDB beat annotations (symbols N, S, V, F, Q) for classified beats.</summary>
    public static IReadOnlyList<Annotation> ToAnnotations(IEnumerable<ClassifiedBeat> beats) =>
        beats.Select(b => new Annotation(b.Sample, AamiMapping.Code(b.Class))).ToArray();
}
