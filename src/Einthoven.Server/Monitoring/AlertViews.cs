namespace Einthoven.Server.Monitoring;

/// <summary>An alert as the dashboard shows it; <c>DeviceTime</c> lets a client measure device-to-screen latency.</summary>
public sealed record AlertView(
    Guid Id, Guid PatientId, string PatientName, Guid StreamId, string Kind, string Phase, string Severity, string Detail,
    long StartSample, long DetectedAtSample, double SamplingFrequency, long DeviceTime, DateTime RaisedAt, double LatencyMs,
    string State, DateTime UpdatedAt);

/// <summary>An alert with its evidence strip (samples per lead, in adu, from <c>EvidenceStart</c>) and its handling so far.</summary>
public sealed record AlertDetailView(AlertView Alert, long EvidenceStart, IReadOnlyList<string> Leads, IReadOnlyList<double> Gains,
    int[][] Evidence, IReadOnlyList<AlertActionView> Actions, IReadOnlyList<DispatchView> Dispatches);

public sealed record AlertActionView(string Action, Guid ActorId, string ActorName, string Note, DateTime At);

public sealed record DispatchView(Guid Id, Guid AlertId, Guid TeamId, string TeamName, double DistanceKm, DateTime AssignedAt, DateTime? HandedOverAt, string HandOverNote);

/// <summary>Live samples pushed to a dashboard that watches the patient.</summary>
public sealed record LiveSamplesView(Guid PatientId, Guid StreamId, long FirstSample, double SamplingFrequency, int[][] Samples);

public static class AlertViews
{
    public static AlertView Of(LiveAlert a, string patientName) => new(a.Id, a.PatientId, patientName, a.StreamId, a.Kind, a.Phase, a.Severity,
        a.Detail, a.StartSample, a.DetectedAtSample, a.SamplingFrequency, a.DeviceTime, a.RaisedAt, a.LatencyMs, a.State.ToString(), a.UpdatedAt);
}
