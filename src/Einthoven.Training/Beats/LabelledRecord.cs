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
/// out of <see cref="Features"/>. <see cref="Group"/> names the patient, so cross-validation folds never split one;
/// <see cref="Name"/> the recording and <see cref="SamplingFrequency"/> the rate it was read at (a record resampled to
/// another device's rate is another <see cref="LabelledRecord"/> of the same name and patient).
/// </summary>
public sealed class LabelledRecord
{
    /// <param name="samples">Where each beat was detected (sample numbers); none for beats not cut from a record.</param>
    /// <param name="name">The recording's name (the group's when not given).</param>
    /// <param name="samplingFrequency">The rate the beats were cut at, Hz (0 when not known).</param>
    public LabelledRecord(string group, BeatFeatures features, IReadOnlyList<AamiClass> labels, IReadOnlyList<long>? samples = null,
        string? name = null, double samplingFrequency = 0)
    {
        if (features.Count != labels.Count) throw new ArgumentException($"{features.Count} beats but {labels.Count} labels", nameof(labels));
        if (samples is not null && samples.Count != labels.Count) throw new ArgumentException($"{samples.Count} samples but {labels.Count} labels", nameof(samples));
        Group = group;
        Name = name ?? group;
        SamplingFrequency = samplingFrequency;
        Features = features;
        Labels = labels;
        Samples = samples ?? [];
    }

    public string Group { get; }

    /// <summary>The recording's name (a MIT-BIH record number).</summary>
    public string Name { get; }

    /// <summary>The rate the beats were detected and cut at, Hz; 0 when not known.</summary>
    public double SamplingFrequency { get; }

    /// <summary>Whether the recording was resampled from its own rate to <see cref="SamplingFrequency"/> (an augmented copy).</summary>
    public bool Resampled { get; init; }

    /// <summary>The name, and the rate for a resampled copy ("232", "232@128Hz").</summary>
    public string Key => Resampled ? $"{Name}@{SamplingFrequency.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}Hz" : Name;
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
        return new LabelledRecord(group ?? record.Info.Name, features.Select(kept), labels, kept.Select(d => detected[d]).ToArray(),
            record.Info.Name, record.Info.SamplingFrequency);
    }

    /// <summary>
    /// Reads, detects and labels the named records, in parallel, each grouped by its patient
    /// (<see cref="DeChazalSplit.Patient"/>); the result is in the order given. With <paramref name="resampledTo"/>,
    /// each record is followed by itself resampled to each of those rates (<see cref="RecordResampling"/>), detected and
    /// labelled again there, as a device sampling at that rate would record the same patient.
    /// </summary>
    public static IReadOnlyList<LabelledRecord> LoadMitBih(string databaseDirectory, IReadOnlyList<string> records, int threads = 0,
        Action<string>? recordLoaded = null, IReadOnlyList<double>? resampledTo = null)
    {
        var rates = resampledTo ?? [];
        return MitBihBeats.ForEachRecord(databaseDirectory, records, threads, (record, annotations) =>
        {
            var patient = DeChazalSplit.Patient(record.Info.Name);
            var labelled = new List<LabelledRecord> { Create(record, ReferenceBeats.Of(annotations), patient) };
            foreach (var rate in rates.Where(r => r != record.Info.SamplingFrequency))
            {
                var resampled = RecordResampling.Resample(record, rate);
                var copy = Create(resampled, ReferenceBeats.Of(resampled.Annotations[MitBihBeats.Annotator]), patient);
                labelled.Add(new LabelledRecord(patient, copy.Features, copy.Labels, copy.Samples, copy.Name, rate) { Resampled = true });
            }
            recordLoaded?.Invoke(record.Info.Name);
            return labelled;
        }).SelectMany(r => r).ToList();
    }
}
