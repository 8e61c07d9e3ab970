using Einthoven.Evaluation.Beats;
using Einthoven.Models.Analysis;
using Einthoven.Models.Beats;
using Einthoven.Signal.Analysis;

namespace Einthoven.Training.Beats;

/// <summary>Record-wise cross-validation scored as the product decides, not only as the bare beat model does.</summary>
public static class CrossValidatedAnalysis
{
    /// <summary>
    /// Cross-validation's held-out predictions as users get them (as the final model decides,
    /// <see cref="HeldOutRecord.AsDecided"/>, then <see cref="ModelAnalyzer.Agree"/> after
    /// <see cref="BeatClassifier.Label"/>), per record and pooled; <paramref name="rhythms"/> holds each record's
    /// verdict, sampling frequency and length by <see cref="LabelledRecord.Key"/>. The records at their own rate, or
    /// with <paramref name="resampledTo"/> their copies resampled to that rate.
    /// </summary>
    public static BeatEvaluationResult AsUsersGetThem(CrossValidationResult cv,
        IReadOnlyDictionary<string, (RhythmVerdict Verdict, double SamplingFrequency, long SampleCount)> rhythms, double? resampledTo = null)
    {
        var records = new List<(string, ConfusionMatrix)>();
        var total = new ConfusionMatrix();
        foreach (var held in cv.HeldOut)
        {
            var (record, probabilities) = (held.Record, held.AsDecided);
            if (resampledTo is { } rate ? !record.Resampled || record.SamplingFrequency != rate : record.Resampled) continue;
            if (record.Samples.Count != record.Count)
                throw new ArgumentException($"record {record.Key} does not know where its beats are; it was not cut from a recording", nameof(cv));
            var (verdict, fs, length) = rhythms[record.Key];
            var beats = ModelAnalyzer.Agree(BeatClassifier.Label(record.Samples, probabilities, length, fs), record.Features, verdict, fs);
            var matrix = new ConfusionMatrix();
            for (var b = 0; b < record.Count; b++) matrix.Add(record.Labels[b], beats[b].Class);
            records.Add((record.Key, matrix));
            total.Add(matrix);
        }
        return new BeatEvaluationResult(records, total);
    }
}
