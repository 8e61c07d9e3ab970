namespace Einthoven.Monitoring;

public enum AlertKind { AtrialFibrillation, VentricularTachycardiaRun, SustainedVentricularTachycardia, Bradycardia, Tachycardia, Pause, Asystole, SignalLoss }

/// <summary>An episode's start (Onset) or its close (End); a pause is an Onset alone.</summary>
public enum AlertPhase { Onset, End }

public enum AlertSeverity { Advisory, Warning, Critical }

/// <summary>
/// One alert of a patient's stream. All positions are sample numbers of the stream (0 = its first sample).
/// </summary>
/// <param name="StartSample">Where the event began in the stream (the engine's estimate of the true onset); for an End, where the episode ended.</param>
/// <param name="DetectedAtSample">The last sample of the analysis step that raised the alert: the newest sample the
/// engine had consumed for it (the server maps this to the device's clock for latency).</param>
/// <param name="EvidenceStart">First sample of the strip that shows the event (about 10 s around it).</param>
/// <param name="EvidenceEnd">End (exclusive) of that strip; never beyond <paramref name="DetectedAtSample"/> + 1.</param>
/// <param name="Detail">A short human-readable description, e.g. "heart rate 34 bpm (limit 40)".</param>
public sealed record MonitorAlert(AlertKind Kind, AlertPhase Phase, AlertSeverity Severity, long StartSample, long DetectedAtSample,
    long EvidenceStart, long EvidenceEnd, string Detail);

/// <summary>A confirmed beat: its R peak (stream sample) and AAMI class N, S, V, F or Q.</summary>
public sealed record MonitorBeat(long Sample, string AamiClass);

/// <summary>What one <see cref="PatientMonitor.Push"/> or <see cref="PatientMonitor.Flush"/> produced, in stream order.</summary>
public sealed record MonitorUpdate(IReadOnlyList<MonitorBeat> Beats, IReadOnlyList<MonitorAlert> Alerts)
{
    public static readonly MonitorUpdate Empty = new([], []);
}

/// <summary>The stream a device sends: its rate, its leads (names as in WFDB headers, e.g. "MLII", "V1", "II") and each lead's gain.</summary>
public sealed record MonitoredStream(double SamplingFrequency, IReadOnlyList<string> LeadNames, IReadOnlyList<double> GainsAduPerMv);
