using Einthoven.Signal.Analysis.Beats;
using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Analysis.Filters;
using Einthoven.Signal.Analysis.Hrv;
using Einthoven.Signal.Analysis.Measurements;
using Einthoven.Signal.Analysis.Pacing;
using Einthoven.Signal.Analysis.Quality;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Analysis;

/// <summary>
/// The one entry point for analysing a whole record: beats, quality, rate and HRV, median-beat intervals and axes,
/// and pacing. Inconclusive segments are left out of every measurement.
/// </summary>
public static class RecordAnalyzer
{
    public static RecordMeasurements Analyze(EcgRecord record) => AnalyzeInDetail(record).Measurements;

    /// <summary>The measurements with the beats behind them, for composing those of consecutive parts of a long record.</summary>
    public static RecordAnalysis AnalyzeInDetail(EcgRecord record)
    {
        var info = record.Info;
        var fs = info.SamplingFrequency;
        if (info.Leads.Count == 0) throw new SignalFormatException(info.Name, "signals", "the record has no leads to analyse");
        if (info.SampleCount < 2 * fs) throw new SignalFormatException(info.Name, "length", $"{info.SampleCount} samples is under the 2 s needed for analysis");
        var signals = AnalysisSignals.Of(record);
        var beats = Enumerable.Range(0, info.Leads.Count).Select(l => QrsDetector.Detect(signals.Raw[l], fs)).ToArray();
        var presence = LeadPresence.Of(signals.Raw, fs);
        var quality = RecordQuality.Assess(signals.Raw, signals.Filtered, signals.Resolution, beats, fs, presence: presence);
        var rPeaks = LeadConsensus.Agree(beats, quality.RhythmLead, fs, presence.Connected).Select(b => (int)b).ToArray();
        var usable = rPeaks.Select(r => quality.IsInterpretable(r)).ToArray();
        var analysed = rPeaks.Where((_, i) => usable[i]).ToArray();
        var rr = RrSeries.From(rPeaks, fs, usable);
        var names = info.Leads.Select(l => l.Name).ToArray();
        // A paper ECG's leads printed in other columns would make every median beat mostly zeros.
        var whole = presence.MostlyPresentLeads();
        var (intervals, notMeasured) = RecordIntervals.Measure(whole.Select(l => signals.Filtered[l]).ToArray(), whole.Select(l => names[l]).ToArray(),
            rPeaks, usable, fs);
        var pacing = PacingAssessment.Assess(signals.Raw, fs, beats, intervals: intervals);
        if (pacing.PacedRhythm && intervals is not null) (intervals, notMeasured) = RecordIntervals.WithoutP(intervals, notMeasured, RecordIntervals.PacedRhythm);
        var rate = RateSummary.From(rr);
        var hrvTime = TimeDomainHrv.From(rr);
        var hrvFrequency = FrequencyDomainHrv.From(rr);
        var measurements = new RecordMeasurements(
            info.Name, fs, info.Duration.TotalSeconds, names, rPeaks.Length, analysed.Length,
            rate, hrvTime, hrvFrequency,
            intervals,
            Summarise(quality, names, fs),
            new PacingSummary(pacing.PacedRhythm, pacing.PacedBeatFraction, pacing.SpikeCount),
            NotMeasured.OfRate(rate, hrvTime, hrvFrequency).Concat(notMeasured).ToDictionary());
        return new RecordAnalysis(measurements, rPeaks, usable);
    }

    private static QualitySummary Summarise(RecordQuality q, string[] names, double fs) =>
        QualitySummary.Of(names[q.RhythmLead],
            q.Segments.Select(s => new QualitySegment(s.Start / fs, (s.Start + s.Length) / fs, QualitySummary.Label(s.Level), s.Reason)).ToArray());
}

/// <summary>
/// Measurements with the beats behind them: the R peaks (samples, ascending) their rate and HRV come from, and which of
/// them lie in interpretable segments.
/// </summary>
public sealed record RecordAnalysis(RecordMeasurements Measurements, int[] RPeaks, bool[] Analysed);

/// <summary>The forms of a record's leads that the analysis works on.</summary>
internal sealed record AnalysisSignals(double[][] Raw, double[][] Filtered, double[] Resolution)
{
    /// <summary>Physical units; cleaned (<see cref="EcgCleaning"/>) for delineation and quality.</summary>
    public static AnalysisSignals Of(EcgRecord record)
    {
        var fs = record.Info.SamplingFrequency;
        var raw = Enumerable.Range(0, record.Info.Leads.Count).Select(record.Physical).ToArray();
        var filtered = raw.Select(x => EcgCleaning.Clean(x, fs)).ToArray();
        var resolution = record.Info.Leads.Select(l => l.Gain > 0 ? 1 / l.Gain : 0.005).ToArray();
        return new AnalysisSignals(raw, filtered, resolution);
    }
}
