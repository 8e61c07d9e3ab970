using Einthoven.Evaluation.Qrs;
using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Wfdb;

namespace Einthoven.Bench;

/// <summary>
/// Scores the QRS annotation files one detector wrote (DIR/RECORD.qrs: einthoven detect's or WFDB gqrs's) by the
/// project's scorer, the protocol of <c>einthoven eval qrs</c> (<see cref="QrsProtocol"/>: 150 ms, flutter left out).
/// </summary>
internal static class QrsFileScore
{
    public static DetectionScore Score(string database, IReadOnlyList<string> records, string directory, string extension = "qrs") =>
        DetectionScore.Sum(records.Select(record =>
        {
            using var reader = RecordFiles.Open(Path.Combine(database, record));
            var detected = WfdbAnnotationReader.Read(Path.Combine(directory, $"{record}.{extension}"))
                .Where(a => QrsProtocol.BeatSymbols.Contains(a.Symbol)).Select(a => a.Sample).Order().ToArray();
            return QrsProtocol.Evaluate(reader.ReadAnnotations(QrsEvaluation.ReferenceAnnotator), detected, reader.Info.SamplingFrequency).Score;
        }));
}
