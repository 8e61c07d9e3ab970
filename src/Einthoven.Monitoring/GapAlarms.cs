namespace Einthoven.Monitoring;

/// <summary>
/// Pause and asystole: the time since the last beat on a readable signal. A pause is raised once per gap, as soon as
/// the gap reaches <see cref="MonitorSettings.PauseSeconds"/> (when the next beat arrives late, or when the stream
/// has gone that long past the last beat with no beat reported); asystole once it reaches
/// <see cref="MonitorSettings.AsystoleSeconds"/>, and it ends with the next beat.
/// </summary>
internal sealed class GapAlarms(double fs, MonitorSettings settings)
{
    private long _last = -1;
    private bool _paused, _asystole;

    /// <summary>A beat: closes the gap since the previous one.</summary>
    public void Beat(long sample, AlertSink alerts)
    {
        if (_last >= 0) Gap(sample - _last, alerts);
        if (_asystole) alerts.Raise(AlertKind.Asystole, AlertPhase.End, sample, $"beat after {(sample - _last) / fs:0.0} s");
        (_last, _paused, _asystole) = (sample, false, false);
    }

    /// <summary>Every beat up to <paramref name="horizon"/> has been reported: a gap that long has no beat in it.</summary>
    public void Horizon(long horizon, AlertSink alerts)
    {
        if (_last >= 0 && horizon > _last) Gap(horizon - _last, alerts);
    }

    /// <summary>The signal was lost: a gap through it says nothing; an open asystole closes.</summary>
    public void Interrupt(long sample, AlertSink alerts, string why = "signal lost")
    {
        if (_asystole) alerts.Raise(AlertKind.Asystole, AlertPhase.End, sample, why);
        (_last, _paused, _asystole) = (-1, false, false);
    }

    public void Close(long sample, AlertSink alerts) => Interrupt(sample, alerts, "end of stream");

    private void Gap(long samples, AlertSink alerts)
    {
        var seconds = samples / fs;
        if (!_paused && seconds >= settings.PauseSeconds)
        {
            _paused = true;
            alerts.Raise(AlertKind.Pause, AlertPhase.Onset, _last, $"no beat for {seconds:0.0} s (limit {settings.PauseSeconds:0.0} s)");
        }
        if (!_asystole && seconds >= settings.AsystoleSeconds)
        {
            _asystole = true;
            alerts.Raise(AlertKind.Asystole, AlertPhase.Onset, _last, $"no beat for {seconds:0.0} s (limit {settings.AsystoleSeconds:0.0} s)");
        }
    }
}
