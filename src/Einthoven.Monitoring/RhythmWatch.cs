using Einthoven.Models.Analysis;

namespace Einthoven.Monitoring;

/// <summary>
/// Atrial fibrillation from the shipped rhythm model on the last <see cref="MonitorSettings.RhythmWindowSeconds"/> of
/// lead A, read every <see cref="MonitorSettings.RhythmStepSeconds"/>. The model costs milliseconds, so a window whose
/// RR intervals are plainly regular (RMSSD under 5 % of the mean RR, half the 10 % that separates fibrillation in
/// the RR-irregularity literature, e.g. Dash et al. 2009) is taken as not fibrillation without it, unless an episode
/// is open. Fibrillation starts once consecutive windows the model calls A span <see cref="MonitorSettings.AfOnsetSeconds"/>
/// (onset estimate: the first one's middle) and ends after <see cref="MonitorSettings.AfEndWindows"/> readable windows without it; windows it calls too noisy,
/// or with a lost signal, change nothing.
/// </summary>
internal sealed class RhythmWatch(LeadInput lead, double fs, MonitorSettings settings, MonitorModels models)
{
    public const double RegularRmssd = 0.05;

    private readonly int _window = (int)Math.Round(settings.RhythmWindowSeconds * fs);
    private readonly long _every = (long)Math.Round(settings.RhythmStepSeconds * fs);
    private long _readableSince;
    private bool _open;
    private int _without, _with;
    private long _firstWithout, _firstWith;

    /// <summary>Whether an atrial fibrillation episode is open.</summary>
    public bool InEpisode => _open;

    /// <summary>Windows the model was run on (the rest were plainly regular).</summary>
    public int ModelReads { get; private set; }

    public void Step(long end, bool readable, IReadOnlyList<long> beats, AlertSink alerts)
    {
        if (!readable) _readableSince = end;
        if (end % _every != 0 || end - _readableSince < _window) return;
        var start = end - _window;
        var label = IsPlainlyRegular(beats, start, end) && !_open ? RhythmVerdict.Normal : Read(start);
        if (label == RhythmVerdict.Inconclusive) return;
        var middle = start + _window / 2;
        if (label == RhythmVerdict.AtrialFibrillation)
        {
            _without = 0;
            if (_with++ == 0) _firstWith = middle;
            var span = settings.RhythmWindowSeconds + (_with - 1) * settings.RhythmStepSeconds;
            if (_open || span < settings.AfOnsetSeconds) return;
            _open = true;
            alerts.Raise(AlertKind.AtrialFibrillation, AlertPhase.Onset, _firstWith, $"rhythm model: atrial fibrillation over the last {span:0} s");
            return;
        }
        _with = 0;
        if (!_open) return;
        if (_without++ == 0) _firstWithout = middle;
        if (_without < settings.AfEndWindows) return;
        _open = false;
        _without = 0;
        alerts.Raise(AlertKind.AtrialFibrillation, AlertPhase.End, _firstWithout, $"rhythm model: no atrial fibrillation in {settings.AfEndWindows} windows");
    }

    public void Close(long end, AlertSink alerts)
    {
        if (_open) alerts.Raise(AlertKind.AtrialFibrillation, AlertPhase.End, end, "end of stream");
        _open = false;
    }

    private string Read(long start)
    {
        ModelReads++;
        var mv = new double[_window];
        lead.Raw.Copy(start, mv);
        return models.ClassifyRhythm(models.PrepareRhythm(mv, fs, 1 / lead.Gain)).Label;
    }

    private bool IsPlainlyRegular(IReadOnlyList<long> beats, long start, long end)
    {
        var inside = beats.Where(b => b >= start && b < end).ToArray();
        if (inside.Length < 6) return false;
        var rr = inside.Zip(inside.Skip(1), (a, b) => (double)(b - a)).ToArray();
        var diffs = rr.Zip(rr.Skip(1), (a, b) => b - a).ToArray();
        return Math.Sqrt(diffs.Average(d => d * d)) < RegularRmssd * rr.Average();
    }
}
