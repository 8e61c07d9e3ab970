namespace Einthoven.Server.Monitoring;

public sealed record NewOrganisationRequest(string Name);
public sealed record OrganisationView(Guid Id, string Name);
public sealed record NewMemberRequest(Guid UserId, Guid? TeamId);
public sealed record MemberView(Guid UserId, Guid OrganisationId, Guid? TeamId);

/// <summary>A patient's consent to an organisation's monitoring, with the home location dispatch uses.</summary>
public sealed record EnrolmentRequest(Guid OrganisationId, double HomeLatitude, double HomeLongitude, string? KnownConditions);
public sealed record EnrolmentView(Guid Id, Guid OrganisationId, string OrganisationName, double HomeLatitude, double HomeLongitude,
    string KnownConditions, Einthoven.Monitoring.MonitorSettings Settings, DateTime EnrolledAt);

/// <summary>A monitored patient on the dashboard: whether a device streams now (with its leads, to draw the samples in mV), and open alerts.</summary>
public sealed record MonitoredPatientView(Guid PatientId, string Name, double HomeLatitude, double HomeLongitude, string KnownConditions,
    Guid? LiveStreamId, DateTime? LastFrameAt, int OpenAlerts, string? WorstOpenSeverity, IReadOnlyList<Live.DeviceLead> LiveLeads);
/// <summary>A monitored patient with the history an alert is read against.</summary>
public sealed record PatientHistoryView(MonitoredPatientView Patient, Einthoven.Monitoring.MonitorSettings Settings,
    IReadOnlyList<HistoryRecordingView> Recordings, IReadOnlyList<AlertView> RecentAlerts);
public sealed record HistoryRecordingView(Guid Id, string Name, DateTime RecordedAt, double DurationSeconds, string OriginalFormat, string? Summary);

public sealed record AlertNoteRequest(string? Note);
public sealed record NewTeamRequest(Guid OrganisationId, string Name, double BaseLatitude, double BaseLongitude);
public sealed record TeamView(Guid Id, Guid OrganisationId, string Name, double BaseLatitude, double BaseLongitude, string Availability);
public sealed record AvailabilityRequest(string Availability);
/// <summary>A team that could go, nearest first, with the great-circle distance from its base to the patient's home.</summary>
public sealed record TeamProposalView(TeamView Team, double DistanceKm);
public sealed record DispatchProposalView(Guid AlertId, double HomeLatitude, double HomeLongitude, IReadOnlyList<TeamProposalView> Teams);
public sealed record DispatchRequest(Guid TeamId);
public sealed record HandOverRequest(string? Note);
/// <summary>What a paramedic sees of a dispatch: where to go and why.</summary>
public sealed record ParamedicDispatchView(DispatchView Dispatch, AlertView Alert, double HomeLatitude, double HomeLongitude, string KnownConditions);
