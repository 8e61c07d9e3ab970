using System.Text.Json.Serialization;
using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;

namespace Einthoven.Evaluation.Qrs;

/// <summary>
/// The SPEC's QRS protocol on one record: the streaming detector over the first lead of the whole record, scored
/// against its 'atr' reference beats (<see cref="QrsProtocol"/>).
/// </summary>
public static class QrsEvaluation
{
    public const string ReferenceAnnotator = "atr";

    public static RecordScore Evaluate(string databaseDirectory, string record)
    {
        var path = Path.Combine(databaseDirectory, record);
        using var reader = RecordFiles.Open(path);
        if (!reader.Annotators.Contains(ReferenceAnnotator))
            throw new SignalFormatException(path, ReferenceAnnotator, $"{record} has no reference annotations (.atr) in {databaseDirectory}");
        var beats = QrsDetector.Detect(reader, 0);
        return RecordScore.Of(record, QrsProtocol.Evaluate(reader.ReadAnnotations(ReferenceAnnotator), beats, reader.Info.SamplingFrequency).Score);
    }
}

/// <summary>One record's counts and statistics, as printed and as JSON.</summary>
public sealed record RecordScore(string Record, int ReferenceBeats, int TruePositives, int FalseNegatives, int FalsePositives,
    double Sensitivity, double PositivePredictivity, double F1)
{
    public static RecordScore Of(string name, DetectionScore s) =>
        new(name, s.ReferenceBeats, s.TruePositives, s.FalseNegatives, s.FalsePositives, s.Sensitivity, s.PositivePredictivity, s.F1);

    [JsonIgnore]
    public DetectionScore Score => new(TruePositives, FalseNegatives, FalsePositives);
}

/// <summary>Per-record scores, the gross total and the record with the lowest F1.</summary>
public sealed record QrsReport(IReadOnlyList<RecordScore> Records, RecordScore Total, RecordScore? Worst)
{
    public static QrsReport Of(IReadOnlyList<RecordScore> records) =>
        new(records, RecordScore.Of("total", DetectionScore.Sum(records.Select(r => r.Score))),
            records.OrderBy(r => r.F1).ThenByDescending(r => r.FalseNegatives + r.FalsePositives).FirstOrDefault());
}
