using Einthoven.Signal.Analysis.Quality;

namespace Einthoven.Monitoring;

/// <summary>
/// Whether each lead can be read, step by step. A lead is off once <see cref="MonitorSettings.SignalLossSeconds"/> of
/// consecutive 1-s blocks are each at least half missing or flat; it is noisy while the project's quality rules
/// (<see cref="QualityRules"/>, on consecutive 10-s segments as the offline analysis judges them) call it inconclusive. The stream is lost when no lead
/// can be read: a SignalLoss alert, and nothing else is read until a lead comes back. A verdict of the rules comes
/// up to 10 s after the stretch it judges: beats already reported from it stay reported.
/// </summary>
internal sealed class SignalGate
{
    public const double AssessSeconds = 10, AssessEverySeconds = 10;

    /// <summary>
    /// A lead the quality rules reject whose band-passed RMS stays under this (mV) is a quiet baseline, not noise: it is
    /// read, because a quiet baseline without QRS complexes is what asystole looks like (the rules see no peaky QRS).
    /// </summary>
    public const double QuietMillivolts = 0.05;

    private readonly LeadInput[] _leads;
    private readonly double _fs;
    private readonly int _blocksToLose;
    private readonly int[] _badBlocks;
    private readonly long[] _badSince;
    private readonly bool[] _noisy;
    private readonly long[] _badUntil;
    private long _lostSince = -1;

    public SignalGate(LeadInput[] leads, double fs, MonitorSettings settings)
    {
        _leads = leads;
        _fs = fs;
        _blocksToLose = (int)Math.Ceiling(settings.SignalLossSeconds);
        _badBlocks = new int[leads.Length];
        _badSince = new long[leads.Length];
        _noisy = new bool[leads.Length];
        _badUntil = new long[leads.Length];
    }

    public bool IsReadable(int lead) => _badBlocks[lead] < _blocksToLose && !_noisy[lead];

    public bool AnyReadable => Enumerable.Range(0, _leads.Length).Any(IsReadable);

    /// <summary>Where the current loss began, or -1 while some lead is readable.</summary>
    public long LostSince => _lostSince;

    /// <param name="blockStart">First sample of the block just completed.</param>
    /// <param name="blockEnd">End (exclusive) of the block.</param>
    /// <param name="detections">Each lead's beats detected so far within the assessment window.</param>
    public void EndBlock(long blockStart, long blockEnd, IReadOnlyList<IReadOnlyList<long>> recentBeats, AlertSink alerts)
    {
        for (var l = 0; l < _leads.Length; l++)
        {
            var bad = _leads[l].BadInBlock * 2 >= blockEnd - blockStart;
            if (bad && _badBlocks[l]++ == 0) _badSince[l] = blockStart;
            if (!bad) _badBlocks[l] = 0;
            else _badUntil[l] = blockEnd;
        }
        var assess = (long)Math.Round(AssessEverySeconds * _fs);
        var window = (long)Math.Round(AssessSeconds * _fs);
        if (blockEnd % assess == 0 && blockEnd >= window) Assess(blockEnd - window, (int)window, recentBeats);
        Update(blockStart, blockEnd, alerts);
    }

    private void Assess(long start, int length, IReadOnlyList<IReadOnlyList<long>> recentBeats)
    {
        for (var l = 0; l < _leads.Length; l++)
        {
            // A window with flat or missing blocks in it is the fast check's to judge; the rules would call the mix noise.
            if (_badUntil[l] > start)
            {
                _noisy[l] = false;
                continue;
            }
            var raw = new double[length];
            var filtered = new double[length];
            _leads[l].Raw.Copy(start, raw);
            _leads[l].Filtered.Copy(start, filtered);
            var mine = Local(recentBeats[l], start, length);
            var others = Enumerable.Range(0, _leads.Length).Where(o => o != l).Select(o => (IReadOnlyList<long>)Local(recentBeats[o], start, length)).ToList();
            var features = QualityFeatures.Compute(raw, filtered, _fs, 1 / _leads[l].Gain, mine, others);
            _noisy[l] = QualityRules.Classify(features).Level == QualityLevel.Inconclusive && Rms(filtered) >= QuietMillivolts;
        }
    }

    private static double Rms(double[] x) => Math.Sqrt(x.Average(v => v * v));

    private static long[] Local(IReadOnlyList<long> beats, long start, int length) =>
        beats.Where(b => b >= start && b < start + length).Select(b => b - start).ToArray();

    private void Update(long blockStart, long blockEnd, AlertSink alerts)
    {
        var readable = AnyReadable;
        if (!readable && _lostSince < 0)
        {
            _lostSince = Enumerable.Range(0, _leads.Length).Select(l => _badBlocks[l] > 0 ? _badSince[l] : blockStart).Max();
            var why = _noisy.Any(n => n) ? "too noisy to read" : "flat or missing (leads off?)";
            alerts.Raise(AlertKind.SignalLoss, AlertPhase.Onset, _lostSince, $"no readable lead: {why}");
        }
        else if (readable && _lostSince >= 0)
        {
            alerts.Raise(AlertKind.SignalLoss, AlertPhase.End, blockStart, $"signal readable again after {(blockStart - _lostSince) / _fs:0} s");
            _lostSince = -1;
        }
    }
}
