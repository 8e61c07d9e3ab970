using Einthoven.Evaluation.Beats;
using Einthoven.Evaluation.Databases;
using Einthoven.Models.Beats;
using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Records;

namespace Einthoven.Training.Beats;

/// <summary>
/// The labelled beats of one record, ready for training: the beats the QRS detector found, with the class of the
/// reference beat each one matched (EC57 window). Features are computed over the whole detected sequence, exactly
/// as at classification time; detections that match no reference beat, or one outside the AAMI classes, are left
/// out of <see cref="Features"/>. <see cref="Group"/> names the patient, so cross-validation folds never split one.
/// </summary>
public sealed class LabelledRecord
{
    /// <param name="samples">Where each beat was detected (sample numbers); none for beats not cut from a record.</param>
    public LabelledRecord(string group, BeatFeatures features, IReadOnlyList<AamiClass> labels, IReadOnlyList<long>? samples = null)
    {
        if (features.Count != labels.Count) throw new ArgumentException($"{features.Count} beats but {labels.Count} labels", nameof(labels));
        if (samples is not null && samples.Count != labels.Count) throw new ArgumentException($"{samples.Count} samples but {labels.Count} labels", nameof(samples));
        Group = group;
        Features = features;
        Labels = labels;
        Samples = samples ?? [];
    }

    public string Group { get; }
    public BeatFeatures Features { get; }
    public IReadOnlyList<AamiClass> Labels { get; }

    /// <summary>The detected beats' sample numbers (empty when not known).</summary>
    public IReadOnlyList<long> Samples { get; }
    public int Count => Labels.Count;

    /// <summary>Detects the beats of <paramref name="record"/> and labels them from <paramref name="reference"/>.</summary>
    public static LabelledRecord Create(EcgRecord record, IReadOnlyList<ReferenceBeat> reference, string? group = null)
    {
        var detected = BeatClassifier.DetectBeats(record);
        var features = BeatFeatureExtractor.Extract(record, detected);
        var matches = ReferenceBeats.Match(reference, detected, record.Info.SamplingFrequency, []);
        var kept = new List<int>();
        var labels = new List<AamiClass>();
        foreach (var (r, d) in matches.Pairs)
        {
            if (reference[r].Class is not { } c) continue;
            kept.Add(d);
            labels.Add(c);
        }
        return new LabelledRecord(group ?? record.Info.Name, features.Select(kept), labels, kept.Select(d => detected[d]).ToArray());
    }

    /// <summary>Reads, detects and labels the named records, in parallel; the result is in the order given.</summary>
    public static IReadOnlyList<LabelledRecord> LoadMitBih(string databaseDirectory, IReadOnlyList<string> records, int threads = 0,
        Action<string>? recordLoaded = null)
    {
        return MitBihBeats.ForEachRecord(databaseDirectory, records, threads, (record, annotations) =>
        {
            var labelled = Create(record, ReferenceBeats.Of(annotations));
            recordLoaded?.Invoke(record.Info.Name);
            return labelled;
        });
    }
}
