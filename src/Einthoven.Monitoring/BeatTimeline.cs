using Einthoven.Signal.Analysis.Detection;

namespace Einthoven.Monitoring;

/// <summary>
/// The beats of the stream, step by step: taken from lead A (MLII or II) while it is readable, else from another
/// readable lead, none while no lead is; each accepted beat updates the rate and gap alarms at once, and is
/// classified (with the ventricular-run alarms) once the signal after it is known.
/// </summary>
internal sealed class BeatTimeline
{
    private const double RecentSeconds = SignalGate.AssessSeconds + 2;

    private readonly LeadInput[] _leads;
    private readonly int _leadA;
    private readonly double _fs;
    private readonly SignalGate _gate;
    private readonly AlertSink _alerts;
    private readonly List<long>[] _recent;
    private readonly RateAlarms _rate;
    private readonly GapAlarms _gaps;
    private readonly OnlineBeatClassifier _classifier;
    private readonly VentricularRuns _runs;
    private readonly RhythmWatch _rhythm;
    private readonly long _refractory, _reportDelay;
    private long _lastAccepted = -1;
    private bool _lost;

    public BeatTimeline(LeadInput[] leads, int leadA, double fs, MonitorSettings settings, MonitorModels models, SignalGate gate, AlertSink alerts)
    {
        (_leads, _leadA, _fs, _gate, _alerts) = (leads, leadA, fs, gate, alerts);
        _recent = leads.Select(_ => new List<long>()).ToArray();
        _rate = new RateAlarms(fs, settings);
        _gaps = new GapAlarms(fs, settings);
        _classifier = new OnlineBeatClassifier(leads, leadA, fs, models);
        _runs = new VentricularRuns(fs, settings);
        _rhythm = new RhythmWatch(leads[leadA], fs, settings, models);
        _refractory = (long)Math.Round(QrsDetectorOptions.Default.RefractorySeconds * fs);
        _reportDelay = (long)Math.Ceiling(QrsDetectorOptions.Default.MaxDelaySeconds * fs);
    }

    /// <summary>Each lead's beats detected over about the last 12 s (for the quality assessment).</summary>
    public IReadOnlyList<IReadOnlyList<long>> RecentDetections => _recent;

    /// <summary>Brings everything up to <paramref name="end"/> (exclusive), the end of the step just completed.</summary>
    public void Step(long end, List<MonitorBeat> beats)
    {
        var source = Source();
        for (var l = 0; l < _leads.Length; l++)
        {
            var detected = _leads[l].TakeDetections();
            _recent[l].AddRange(detected);
            _recent[l].RemoveAll(b => b < end - RecentSeconds * _fs);
            if (l == source) Accept(detected);
        }
        if (source < 0) Lose(end);
        else
        {
            _lost = false;
            _gaps.Horizon(end - 1 - _reportDelay, _alerts);
        }
        Classify(_classifier.Step(end, flush: false), beats);
        _rhythm.Step(end, source >= 0, _classifier.RecentBeats, _alerts);
        _classifier.InAtrialFibrillation = _rhythm.InEpisode;
    }

    /// <summary>End of stream: classifies what is left and closes every open episode.</summary>
    public void Close(long end, List<MonitorBeat> beats)
    {
        Classify(_classifier.Step(end, flush: true), beats);
        _rate.Close(end, _alerts.Raise);
        _gaps.Close(end, _alerts);
        _runs.Close(end, _alerts);
        _rhythm.Close(end, _alerts);
        if (_gate.LostSince >= 0) _alerts.Raise(AlertKind.SignalLoss, AlertPhase.End, end, "end of stream");
    }

    private int Source()
    {
        if (_gate.IsReadable(_leadA)) return _leadA;
        for (var l = 0; l < _leads.Length; l++) if (_gate.IsReadable(l)) return l;
        return -1;
    }

    private void Accept(List<long> detected)
    {
        foreach (var beat in detected)
        {
            if (_lastAccepted >= 0 && beat <= _lastAccepted + _refractory) continue;
            _lastAccepted = beat;
            _gaps.Beat(beat, _alerts);
            _rate.Beat(beat, _alerts.Raise);
            _classifier.Add(beat);
        }
    }

    private void Lose(long end)
    {
        if (_lost) return;
        _lost = true;
        _rate.Interrupt();
        _gaps.Interrupt(end, _alerts);
        _runs.Interrupt(end, _alerts);
    }

    private void Classify(IReadOnlyList<(long Sample, string Class)> classified, List<MonitorBeat> beats)
    {
        foreach (var (sample, aami) in classified)
        {
            beats.Add(new MonitorBeat(sample, aami));
            _runs.Beat(sample, aami, _alerts);
        }
    }
}
