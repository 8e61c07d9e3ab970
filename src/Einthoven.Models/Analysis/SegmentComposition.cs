using Einthoven.Models.Beats;
using Einthoven.Signal.Analysis;
using Einthoven.Signal.Analysis.Beats;
using Einthoven.Signal.Analysis.Hrv;
using Einthoven.Signal.Analysis.Pacing;
using Einthoven.Signal.Records;

namespace Einthoven.Models.Analysis;

/// <summary>
/// Composes the analyses of consecutive segments (<see cref="AnalysisSegments"/>) into the analysis of the record:
/// <list type="bullet">
/// <item>beats: each segment's beats up to its core's end; the next segment's from just after the last beat kept, at
/// most 0.2 s (the detector's refractory period) before its core (a beat found by both near a boundary counts once,
/// and one that each segment places just outside its own core is not lost); counts summed;</item>
/// <item>heart rate and HRV: recomputed from the R peaks laid end to end (<see cref="RrSeries"/>), as for a whole record;</item>
/// <item>quality: the 10-s segments starting in each core, on the record's time axis; counts and overall by the
/// rule of <see cref="QualitySummary.Of"/>; the rhythm lead the one most segments chose;</item>
/// <item>intervals: those of the segment with the most analysed beats (the earliest of equals), with that segment's
/// reasons for what it did not measure (the first segment's when none measured them); the rate's reasons recomputed;</item>
/// <item>pacing: the paced-beat fraction weighted by each segment's beats; pacing spikes summed (a spike in the overlap
/// of two segments counts in both; 0 when the record is not paced); paced when that fraction reaches <see cref="PacingAssessment.MinPacedFraction"/> and
/// at least one segment passed the full test, chance level included;</item>
/// <item>rhythm: the 30-s windows starting in each core, laid end to end, and the verdict recomputed from them by
/// <see cref="RecordRhythm.Compose"/>.</item>
/// </list>
/// </summary>
internal sealed class SegmentComposition(RecordInfo info, ModelAnalyzer analyzer)
{
    private const double BoundarySeconds = 0.2; // the QRS detector's refractory period: two beats are never closer

    private readonly double _fs = info.SamplingFrequency;
    private readonly List<ClassifiedBeat> _beats = [];
    private readonly List<int> _rPeaks = [];
    private readonly List<bool> _analysed = [];
    private readonly List<QualitySegment> _quality = [];
    private readonly List<RhythmWindow> _windows = [];
    private readonly List<double[]> _windowProbabilities = [];
    private readonly List<string> _qualityLeads = [], _rhythmLeads = [];
    private readonly List<int> _rhythmLeadIndices = [];
    private readonly List<(double Fraction, int Beats, int Spikes, bool Paced)> _pacing = [];
    // The segments' pacemaker verdicts: a pacemaker seen in any segment is the record's (the most probable verdict).
    private readonly List<Pacemaker.PacemakerVerdict> _pacemakers = [];
    private (int Analysed, RecordMeasurements Signal)? _bestIntervals;
    private IReadOnlyDictionary<string, string>? _firstReasons;
    private int _beatLead;

    public void Add(AnalysisSegment segment, SegmentAnalysis part)
    {
        var report = part.Analysis.Report;
        var offset = segment.Start;
        var boundary = (long)Math.Round(BoundarySeconds * _fs);

        // A beat just before the core counts only if the previous segment did not keep it (it found it just after its core).
        var earliest = segment.CoreStart - boundary;
        var firstBeat = Math.Max(earliest, _beats.Count > 0 ? _beats[^1].Sample + boundary : earliest);
        _beats.AddRange(part.Analysis.Beats.Select(b => b with { Sample = b.Sample + offset })
            .Where(b => b.Sample > firstBeat && b.Sample < segment.CoreEnd));

        var firstPeak = Math.Max(earliest, _rPeaks.Count > 0 ? _rPeaks[^1] + boundary : earliest);
        var before = _rPeaks.Count;
        var analysedHere = 0;
        for (var i = 0; i < part.Signal.RPeaks.Length; i++)
        {
            var peak = part.Signal.RPeaks[i] + offset;
            if (peak <= firstPeak || peak >= segment.CoreEnd) continue;
            _rPeaks.Add((int)peak);
            _analysed.Add(part.Signal.Analysed[i]);
            if (part.Signal.Analysed[i]) analysedHere++;
        }

        var inCore = InCore(segment);
        var seconds = offset / _fs;
        _quality.AddRange(report.Quality.Segments.Where(q => inCore(q.StartSeconds))
            .Select(q => q with { StartSeconds = q.StartSeconds + seconds, EndSeconds = q.EndSeconds + seconds }));
        _qualityLeads.Add(report.Quality.RhythmLead);

        if (report.Rhythm is { } rhythm)
        {
            for (var w = 0; w < rhythm.Windows.Count; w++)
            {
                if (!inCore(rhythm.Windows[w].StartSeconds)) continue;
                _windows.Add(rhythm.Windows[w] with { StartSeconds = rhythm.Windows[w].StartSeconds + seconds, EndSeconds = rhythm.Windows[w].EndSeconds + seconds });
                _windowProbabilities.Add(part.WindowProbabilities[w]);
            }
            _rhythmLeads.Add(rhythm.Lead);
        }
        _rhythmLeadIndices.Add(part.Analysis.RhythmLead);
        _beatLead = part.Analysis.BeatLead;

        _pacing.Add((report.Pacing.PacedBeatFraction, _rPeaks.Count - before, report.Pacing.SpikeCount, report.Pacing.PacedRhythm));
        if (report.Pacemaker is { } pacemaker) _pacemakers.Add(pacemaker);
        var signal = part.Signal.Measurements;
        _firstReasons ??= signal.NotMeasured;
        if (signal.Intervals is not null && (_bestIntervals is null || analysedHere > _bestIntervals.Value.Analysed))
            _bestIntervals = (analysedHere, signal);
    }

    public ModelAnalysis Result()
    {
        var rr = RrSeries.From(_rPeaks, _fs, _analysed);
        var rhythmLead = MostCommon(_rhythmLeads);
        var (rate, hrvTime, hrvFrequency) = (RateSummary.From(rr), TimeDomainHrv.From(rr), FrequencyDomainHrv.From(rr));
        var intervalReasons = (_bestIntervals?.Signal.NotMeasured ?? _firstReasons ?? new Dictionary<string, string>())
            .Where(r => !NotMeasured.RateKeys.Contains(r.Key));
        var measurements = new RecordMeasurements(
            info.Name, _fs, info.Duration.TotalSeconds, info.Leads.Select(l => l.Name).ToArray(),
            _rPeaks.Count, _analysed.Count(a => a),
            rate, hrvTime, hrvFrequency,
            _bestIntervals?.Signal.Intervals,
            QualitySummary.Of(MostCommon(_qualityLeads), _quality.ToArray()),
            Pacing(),
            NotMeasured.OfRate(rate, hrvTime, hrvFrequency).Concat(intervalReasons).ToDictionary());
        var report = AnalysisReport.Of(measurements, _beats, analyzer.Rhythm.Compose(rhythmLead, _windows.ToArray(), _windowProbabilities.ToArray()), analyzer.Models,
            _pacemakers.MaxBy(p => p.Probability));
        return new ModelAnalysis(report, _beats.ToArray(), _beatLead, MostCommon(_rhythmLeadIndices));
    }

    private PacingSummary Pacing()
    {
        var beats = _pacing.Sum(p => p.Beats);
        var fraction = beats == 0 ? 0 : _pacing.Sum(p => p.Fraction * p.Beats) / beats;
        var paced = fraction >= PacingAssessment.MinPacedFraction && _pacing.Any(p => p.Paced);
        return new PacingSummary(paced, fraction, paced ? _pacing.Sum(p => p.Spikes) : 0);
    }

    /// <summary>Whether a time in seconds from the segment's start lies in its core (to the nearest sample).</summary>
    private Func<double, bool> InCore(AnalysisSegment segment) => seconds =>
    {
        var sample = segment.Start + (long)Math.Round(seconds * _fs);
        return sample >= segment.CoreStart && sample < segment.CoreEnd;
    };

    private static T MostCommon<T>(List<T> values) where T : notnull =>
        values.GroupBy(v => v).OrderByDescending(g => g.Count()).First().Key;
}
