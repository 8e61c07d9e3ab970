namespace Einthoven.Monitoring;

/// <summary>Collects the alerts of one analysis step, each with its evidence strip around the event's start.</summary>
internal sealed class AlertSink(double fs, MonitorSettings settings)
{
    private readonly List<MonitorAlert> _alerts = [];
    private readonly long _half = (long)Math.Round(settings.EvidenceSeconds * fs / 2);

    /// <summary>The newest sample consumed by the step under way.</summary>
    public long Now { get; set; }

    public void Raise(AlertKind kind, AlertPhase phase, long start, string detail)
    {
        var evidenceEnd = Math.Min(Now + 1, start + _half);
        var evidenceStart = Math.Max(0, evidenceEnd - 2 * _half);
        _alerts.Add(new MonitorAlert(kind, phase, SeverityOf(kind), start, Now, evidenceStart, evidenceEnd, detail));
    }

    public List<MonitorAlert> Take()
    {
        var alerts = _alerts.ToList();
        _alerts.Clear();
        return alerts;
    }

    /// <summary>Critical: life-threatening now (asystole, sustained VT); Advisory: a technical condition; Warning: the rest.</summary>
    public static AlertSeverity SeverityOf(AlertKind kind) => kind switch
    {
        AlertKind.Asystole or AlertKind.SustainedVentricularTachycardia => AlertSeverity.Critical,
        AlertKind.SignalLoss => AlertSeverity.Advisory,
        _ => AlertSeverity.Warning,
    };
}
