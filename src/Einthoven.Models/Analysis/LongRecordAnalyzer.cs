using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;

namespace Einthoven.Models.Analysis;

/// <summary>
/// <see cref="ModelAnalyzer"/> on a record of any length in bounded memory: the record is read segment by segment
/// (<see cref="AnalysisSegments"/>), each segment analysed like a whole record, and the segments' results composed
/// (<see cref="SegmentComposition"/>). Only one segment's samples and working arrays are held at a time, plus the
/// composed results (beats, windows, segments), which grow by a few MB per day of recording. A record within
/// <see cref="SegmentSamples"/> is one segment and analysed exactly as <see cref="ModelAnalyzer.Analyze(EcgRecord, IProgress{double}?, CancellationToken)"/> does.
/// Patient adaptation (<see cref="Beats.PatientAdaptation"/>) learns from each segment's beats alone.
/// </summary>
public static class LongRecordAnalyzer
{
    /// <summary>
    /// Samples over all leads analysed at once: 6 M (e.g. 2 leads x 50 min at 1 kHz, 12 leads x 33 min at 250 Hz), so
    /// every MIT-BIH record (2 x 650,000) and every 10-s 12-lead ECG is one segment. The analysis of a segment works on
    /// several double copies of every lead; this keeps its peak under about 1 GB.
    /// </summary>
    public const long SegmentSamples = 6_000_000;

    public static ModelAnalysis Analyze(ModelAnalyzer analyzer, ISignalReader reader, IProgress<double>? progress = null,
        CancellationToken ct = default, long segmentSamples = SegmentSamples)
    {
        var info = reader.Info;
        var segments = AnalysisSegments.Plan(info, segmentSamples);
        if (segments.Count == 1) return analyzer.AnalyzeInDetail(Read(reader, segments[0]), progress, ct).Analysis;

        var composition = new SegmentComposition(info, analyzer);
        for (var i = 0; i < segments.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var done = i;
            var part = new Progress(p => progress?.Report((done + p) / segments.Count));
            composition.Add(segments[i], analyzer.AnalyzeInDetail(Read(reader, segments[i]), part, ct));
        }
        return composition.Result();
    }

    private static EcgRecord Read(ISignalReader reader, AnalysisSegment segment)
    {
        var block = reader.Read(segment.Start, segment.Length);
        if (block.Length != segment.Length)
            throw new SignalFormatException(reader.Info.Name, "samples", $"{block.Length} samples at {segment.Start}, the record says {segment.Length}");
        return new EcgRecord(reader.Info with { SampleCount = segment.Length }, block.Samples);
    }

    private sealed class Progress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
