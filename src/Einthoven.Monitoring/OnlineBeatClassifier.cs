using Einthoven.Models.Beats;

namespace Einthoven.Monitoring;

/// <summary>
/// Classifies accepted beats with the shipped beat model, in one batch per step, each once
/// <see cref="BeatWindows.DelaySeconds"/> of signal follows it. What the model needs is built as far as a live stream
/// allows: the RR features (<see cref="BeatFeatureExtractor.WriteRhythm"/>) from the last
/// <see cref="HistorySeconds"/> of beats (the offline "+-5 min" average and record quartile become the past 2 min,
/// the local +-5 s window the beats known so far), the template features against the online dominant beat
/// (<see cref="OnlineTemplate"/>), so beats wait for the first template (8 beats). S beats during atrial fibrillation
/// become N (<c>AfReconciliation</c>); the patient adaptation of the offline analysis, which learns from the whole
/// record, is not applied.
/// </summary>
internal sealed class OnlineBeatClassifier
{
    public const double HistorySeconds = 120;

    private readonly LeadInput[] _leads;
    private readonly int[] _beatLeads;
    private readonly double _fs;
    private readonly MonitorModels _models;
    private readonly BeatWindows[] _windows;
    private readonly OnlineTemplate _template = new();
    private readonly List<long> _history = [];
    private readonly Queue<long> _pending = new();
    private readonly List<(long R, float[][] Windows, float[] Row)> _waiting = [];

    public OnlineBeatClassifier(LeadInput[] leads, int leadA, double fs, MonitorModels models)
    {
        (_leads, _fs, _models) = (leads, fs, models);
        _beatLeads = [leadA, leads.Length > 1 ? (leadA == 0 ? 1 : 0) : leadA];
        _windows = _beatLeads.Select(_ => new BeatWindows(fs)).ToArray();
    }

    /// <summary>Accepted beats of the last <see cref="HistorySeconds"/>, ascending.</summary>
    public IReadOnlyList<long> RecentBeats => _history;

    /// <summary>Set while an atrial fibrillation episode is open.</summary>
    public bool InAtrialFibrillation { get; set; }

    public void Add(long r)
    {
        _history.Add(r);
        var oldest = r - (long)(HistorySeconds * _fs);
        if (_history[0] < oldest) _history.RemoveAll(b => b < oldest);
        _pending.Enqueue(r);
    }

    /// <summary>Classifies the beats that are ready at <paramref name="end"/> (all of them when <paramref name="flush"/>).</summary>
    public IReadOnlyList<(long Sample, string Class)> Step(long end, bool flush)
    {
        var delay = (long)(BeatWindows.DelaySeconds * _fs);
        var ready = new List<long>();
        while (_pending.TryPeek(out var r) && (flush || r + delay <= end)) ready.Add(_pending.Dequeue());
        if (ready.Count > 0) Cut(ready, end);
        if (_waiting.Count == 0 || (_template.Templates is null && !_template.CanBuild && !flush)) return [];
        _template.Refresh(end, _fs);
        return Label(end, flush);
    }

    private void Cut(List<long> ready, long end)
    {
        var rr = RrIntervals.From(_history, _fs);
        for (var k = 0; k < _beatLeads.Length; k++)
            _windows[k].Load(_leads[_beatLeads[k]].Filtered, ready[0] - (long)_fs, end);
        foreach (var r in ready)
        {
            var index = _history.BinarySearch(r);
            var windows = _windows.Select(w => w.Cut(r)).ToArray();
            var row = new float[BeatInputLayout.FeatureCount];
            if (index >= 0) BeatFeatureExtractor.WriteRhythm(row, rr, index);
            _template.Add(windows, index >= 0 ? DominantBeat.Timing(rr, index) : (false, false));
            _waiting.Add((r, windows, row));
        }
    }

    private IReadOnlyList<(long, string)> Label(long end, bool flush)
    {
        var n = _waiting.Count;
        var windows = new float[n * BeatInputLayout.InputSize];
        var features = new float[n * BeatInputLayout.FeatureCount];
        for (var b = 0; b < n; b++)
        {
            var row = features.AsSpan(b * BeatInputLayout.FeatureCount, BeatInputLayout.FeatureCount);
            _waiting[b].Row.CopyTo(row);
            BeatFeatureExtractor.WriteBeat(_waiting[b].Windows, _template.Templates!, _template.Scales,
                windows.AsSpan(b * BeatInputLayout.InputSize, BeatInputLayout.InputSize), row);
        }
        var probabilities = _models.ClassifyBeats(new BeatFeatures(windows, features));
        var beats = BeatClassifier.Label(_waiting.Select(w => w.R).ToArray(), probabilities, flush ? end : long.MaxValue, _fs);
        _waiting.Clear();
        return beats.Select(b => (b.Sample, AamiMapping.Symbol(InAtrialFibrillation && b.Class == AamiClass.S ? AamiClass.N : b.Class))).ToArray();
    }
}
