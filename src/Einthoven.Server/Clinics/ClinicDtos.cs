namespace Einthoven.Server.Clinics;

/// <summary>A clinic as a system admin creates it and its clinic admins edit it; absent lists leave what is stored.</summary>
public sealed record ClinicRequest(string? Name, string? Address, double Latitude, double Longitude, string? TimeZone = null, string? Phone = null,
    string? Email = null, List<OpeningHours>? Hours = null, List<HoursException>? Exceptions = null, List<ServiceRequest>? Services = null,
    int? ChangeCutoffHours = null, int? BookingHorizonDays = null);

/// <summary>A service to offer: an existing one by id (its duration may change) or a new one; services left out stop taking bookings.</summary>
public sealed record ServiceRequest(ServiceKind Kind, int DurationMinutes, Guid? Id = null);

public sealed record ClinicAdminRequest(Guid UserId);

public sealed record ServiceView(Guid Id, ServiceKind Kind, int DurationMinutes);

public sealed record IntervalView(string Opens, string Closes);

/// <summary>A clinic in the directory's results: distanceKm when the search gave a location; today: its hours today, clinic time.</summary>
public sealed record ClinicSummary(Guid Id, string Name, string Address, double Latitude, double Longitude, bool OpenNow, double? DistanceKm,
    List<ServiceView> Services, List<IntervalView> Today);

public sealed record ClinicView(Guid Id, string Name, string Address, double Latitude, double Longitude, string TimeZone, string Phone, string Email,
    bool OpenNow, List<OpeningHours> Hours, List<HoursException> Exceptions, List<ServiceView> Services, int ChangeCutoffHours, int BookingHorizonDays,
    bool CanManage);

public sealed record SlotView(DateTimeOffset Start, DateTimeOffset End, bool Free);

public sealed record SlotsView(Guid ClinicId, Guid ServiceId, string TimeZone, List<SlotView> Slots);

public sealed record ClinicAdminView(Guid UserId, Guid ClinicId);

/// <summary>Bounds of every clinic input.</summary>
public static class ClinicLimits
{
    public const int Name = 200, Address = 300, Phone = 40, Email = 200, Note = 200;
    public const int IntervalsPerDay = 3, Exceptions = 100, Services = 10;
    public const int MinDuration = 5, MaxDuration = 480, MaxCutoffHours = 168, MaxHorizonDays = 180;
    public const int SearchResults = 200;
}
