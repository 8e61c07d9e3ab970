namespace Einthoven.Monitoring;

/// <summary>
/// Ventricular tachycardia from the classified beats: a run of at least <see cref="MonitorSettings.VtRunBeats"/>
/// consecutive V beats whose rate (over the run's intervals) is at least <see cref="MonitorSettings.VtRateBpm"/> is a
/// VT run, from its first V beat until the first beat that is not V; a run lasting
/// <see cref="MonitorSettings.SustainedVtSeconds"/> is also sustained VT.
/// </summary>
internal sealed class VentricularRuns(double fs, MonitorSettings settings)
{
    private readonly List<long> _run = [];
    private bool _open, _sustained;

    public void Beat(long sample, string aami, AlertSink alerts)
    {
        if (aami != "V")
        {
            End(sample, alerts, "a beat that is not ventricular");
            return;
        }
        _run.Add(sample);
        if (_run.Count < settings.VtRunBeats) return;
        var bpm = 60 * (_run.Count - 1) / ((_run[^1] - _run[0]) / fs);
        if (!_open && bpm >= settings.VtRateBpm)
        {
            _open = true;
            alerts.Raise(AlertKind.VentricularTachycardiaRun, AlertPhase.Onset, _run[0], $"{_run.Count} consecutive V beats at {bpm:0} bpm");
        }
        if (_open && !_sustained && (_run[^1] - _run[0]) / fs >= settings.SustainedVtSeconds)
        {
            _sustained = true;
            alerts.Raise(AlertKind.SustainedVentricularTachycardia, AlertPhase.Onset, _run[0], $"VT for {(_run[^1] - _run[0]) / fs:0} s ({_run.Count} beats at {bpm:0} bpm)");
        }
    }

    public void Interrupt(long sample, AlertSink alerts) => End(sample, alerts, "signal lost");

    public void Close(long sample, AlertSink alerts) => End(sample, alerts, "end of stream");

    private void End(long sample, AlertSink alerts, string why)
    {
        if (_open)
        {
            var last = _run[^1];
            alerts.Raise(AlertKind.VentricularTachycardiaRun, AlertPhase.End, last, $"{_run.Count} V beats in {(last - _run[0]) / fs:0.0} s; ended by {why}");
            if (_sustained) alerts.Raise(AlertKind.SustainedVentricularTachycardia, AlertPhase.End, last, $"VT for {(last - _run[0]) / fs:0} s; ended by {why}");
        }
        _run.Clear();
        (_open, _sustained) = (false, false);
    }
}
