using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Records;

namespace Einthoven.Models.Beats;

/// <summary>A reference beat: where it is and its class (null for a beat outside the AAMI mapping, e.g. "?").</summary>
public readonly record struct ReferenceBeat(long Sample, AamiClass? Class);

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
        var matches = MatchReference(reference, detected, record.Info.SamplingFrequency, []);
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

    /// <summary>The reference beats of a MIT-BIH style annotation set (the SPEC's beat symbols), ascending.</summary>
    public static ReferenceBeat[] ReferenceBeats(IEnumerable<Annotation> annotations) =>
        annotations.Where(a => QrsProtocol.BeatSymbols.Contains(a.Symbol)).OrderBy(a => a.Sample)
            .Select(a => new ReferenceBeat(a.Sample, AamiMapping.FromAnnotation(a))).ToArray();

    /// <summary>EC57 matching (150 ms) of detections against reference beats, leaving out excluded episodes.</summary>
    public static BeatMatch MatchReference(IReadOnlyList<ReferenceBeat> reference, IReadOnlyList<long> detected, double fs, IReadOnlyList<SampleRange> excluded) =>
        BeatMatching.Match(reference.Select(b => b.Sample).ToArray(), detected, BeatMatching.Window(fs, QrsProtocol.MatchWindowSeconds), excluded);
}
