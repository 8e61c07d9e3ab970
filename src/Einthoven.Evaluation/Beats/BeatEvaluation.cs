using Einthoven.Evaluation.Databases;
using Einthoven.Evaluation.Qrs;
using Einthoven.Models.Beats;
using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Records;

namespace Einthoven.Evaluation.Beats;

/// <summary>The confusion matrix of one record and of all records together.</summary>
public sealed record BeatEvaluationResult(IReadOnlyList<(string Record, ConfusionMatrix Matrix)> Records, ConfusionMatrix Total);

/// <summary>
/// The SPEC's beat-classification protocol on detected beats: the project's QRS detector finds the beats, the
/// classifier labels them, and each is matched to the reference (EC57, 150 ms, ventricular flutter episodes left out).
/// Reference beats outside the AAMI mapping are not scored; missed reference beats and unmatched detections are
/// counted in the matrix's missed column and extra row.
/// </summary>
public static class BeatEvaluation
{
    /// <param name="classify">Detects and classifies a record's beats: a <see cref="BeatClassifier"/>, or the shipped analysis
    /// (<c>ModelAnalyzer.ClassifyBeats</c>), which also agrees them with the rhythm.</param>
    public static BeatEvaluationResult Evaluate(Func<EcgRecord, IReadOnlyList<ClassifiedBeat>> classify, string databaseDirectory, IReadOnlyList<string> records,
        int threads = 0, Action<string>? recordDone = null)
    {
        var matrices = MitBihBeats.ForEachRecord(databaseDirectory, records, threads, (record, annotations) =>
        {
            var matrix = EvaluateRecord(classify, record, annotations);
            recordDone?.Invoke(record.Info.Name);
            return matrix;
        });
        var total = new ConfusionMatrix();
        foreach (var m in matrices) total.Add(m);
        return new BeatEvaluationResult(records.Zip(matrices).ToList(), total);
    }

    public static ConfusionMatrix EvaluateRecord(Func<EcgRecord, IReadOnlyList<ClassifiedBeat>> classify, EcgRecord record, IReadOnlyList<Annotation> annotations)
    {
        var reference = ReferenceBeats.Of(annotations);
        var classified = classify(record);
        var match = ReferenceBeats.Match(reference, classified.Select(b => b.Sample).ToArray(),
            record.Info.SamplingFrequency, QrsProtocol.FlutterEpisodes(annotations));
        var matrix = new ConfusionMatrix();
        foreach (var (r, d) in match.Pairs)
            if (reference[r].Class is { } c) matrix.Add(c, classified[d].Class);
        foreach (var r in match.Missed)
            if (reference[r].Class is { } c) matrix.AddMissed(c);
        foreach (var d in match.FalseDetections) matrix.AddExtra(classified[d].Class);
        return matrix;
    }
}
