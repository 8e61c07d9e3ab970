using System.Text.Json;
using Einthoven.Server.Monitoring;

namespace Einthoven.Server.Clinics;

/// <summary>Checks a <see cref="ClinicRequest"/> field by field (the first fault is answered, naming its field) and applies it to a clinic.</summary>
public static class ClinicInput
{
    public static IResult? Validate(HttpContext http, ClinicRequest body, bool creating)
    {
        if (Text(http, body.Name, "name", 1, ClinicLimits.Name, required: creating) is { } name) return name;
        if (Text(http, body.Address, "address", 1, ClinicLimits.Address, required: creating) is { } address) return address;
        if (Text(http, body.Phone, "phone", 0, ClinicLimits.Phone, false) is { } phone) return phone;
        if (Text(http, body.Email, "email", 0, ClinicLimits.Email, false) is { } email) return email;
        if (!GreatCircle.IsValid(body.Latitude, body.Longitude)) return ClinicTexts.Invalid(http, "location", "latitude");
        if (body.TimeZone is not null && ClinicSchedule.FindZone(body.TimeZone) is null) return ClinicTexts.Invalid(http, "timeZone", "timeZone");
        if (body.ChangeCutoffHours is < 0 or > ClinicLimits.MaxCutoffHours)
            return ClinicTexts.Invalid(http, "range", "changeCutoffHours", ("min", 0), ("max", ClinicLimits.MaxCutoffHours));
        if (body.BookingHorizonDays is < 1 or > ClinicLimits.MaxHorizonDays)
            return ClinicTexts.Invalid(http, "range", "bookingHorizonDays", ("min", 1), ("max", ClinicLimits.MaxHorizonDays));
        return Hours(http, body.Hours) ?? Exceptions(http, body.Exceptions) ?? Services(http, body.Services);
    }

    private static IResult? Text(HttpContext http, string? value, string field, int min, int max, bool required)
    {
        if (value is null) return required ? ClinicTexts.Invalid(http, "length", field, ("min", min), ("max", max)) : null;
        var length = value.Trim().Length;
        return length < min || length > max ? ClinicTexts.Invalid(http, "length", field, ("min", min), ("max", max)) : null;
    }

    private static IResult? Hours(HttpContext http, List<OpeningHours>? hours)
    {
        if (hours is null) return null;
        if (hours.Count > 7 * ClinicLimits.IntervalsPerDay) return ClinicTexts.Invalid(http, "count", "hours", ("max", 7 * ClinicLimits.IntervalsPerDay));
        for (var i = 0; i < hours.Count; i++)
            if (!Enum.IsDefined(hours[i].Day) || !Interval(hours[i].Opens, hours[i].Closes)) return ClinicTexts.Invalid(http, "time", $"hours[{i}]");
        foreach (var day in hours.GroupBy(h => h.Day))
        {
            if (day.Count() > ClinicLimits.IntervalsPerDay) return ClinicTexts.Invalid(http, "count", "hours", ("max", ClinicLimits.IntervalsPerDay));
            if (Overlap(day.Select(h => (h.Opens, h.Closes)))) return ClinicTexts.Invalid(http, "overlap", "hours", ("day", day.Key));
        }
        return null;
    }

    private static IResult? Exceptions(HttpContext http, List<HoursException>? exceptions)
    {
        if (exceptions is null) return null;
        if (exceptions.Count > ClinicLimits.Exceptions) return ClinicTexts.Invalid(http, "count", "exceptions", ("max", ClinicLimits.Exceptions));
        for (var i = 0; i < exceptions.Count; i++)
        {
            var e = exceptions[i];
            if ((e.Opens is null) != (e.Closes is null) || (e.Opens is not null && !Interval(e.Opens, e.Closes))) return ClinicTexts.Invalid(http, "time", $"exceptions[{i}]");
            if (e.Note?.Length > ClinicLimits.Note) return ClinicTexts.Invalid(http, "length", $"exceptions[{i}].note", ("min", 0), ("max", ClinicLimits.Note));
        }
        foreach (var date in exceptions.Where(e => e.Opens is not null).GroupBy(e => e.Date))
            if (date.Count() > ClinicLimits.IntervalsPerDay || Overlap(date.Select(e => (e.Opens!, e.Closes!))))
                return ClinicTexts.Invalid(http, "overlap", "exceptions", ("day", date.Key.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        return null;
    }

    private static IResult? Services(HttpContext http, List<ServiceRequest>? services)
    {
        if (services is null) return null;
        if (services.Count > ClinicLimits.Services) return ClinicTexts.Invalid(http, "count", "services", ("max", ClinicLimits.Services));
        for (var i = 0; i < services.Count; i++)
        {
            if (!Enum.IsDefined(services[i].Kind)) return ClinicTexts.Invalid(http, "service", $"services[{i}].kind");
            if (services[i].DurationMinutes is < ClinicLimits.MinDuration or > ClinicLimits.MaxDuration)
                return ClinicTexts.Invalid(http, "range", $"services[{i}].durationMinutes", ("min", ClinicLimits.MinDuration), ("max", ClinicLimits.MaxDuration));
        }
        return null;
    }

    private static bool Interval(string? opens, string? closes) =>
        ClinicSchedule.Minutes(opens) is { } o && ClinicSchedule.Minutes(closes) is { } c && o < c;

    private static bool Overlap(IEnumerable<(string Opens, string Closes)> intervals)
    {
        var sorted = intervals.Select(i => (O: ClinicSchedule.Minutes(i.Opens)!.Value, C: ClinicSchedule.Minutes(i.Closes)!.Value)).OrderBy(i => i.O).ToList();
        return sorted.Zip(sorted.Skip(1)).Any(p => p.Second.O < p.First.C);
    }

    /// <summary>Copies the given fields; services are matched by id (new ones added, those left out deactivated).</summary>
    public static void Apply(Clinic clinic, ClinicRequest body, List<ClinicService> services, Action<ClinicService> add)
    {
        if (body.Name is not null) clinic.Name = body.Name.Trim();
        if (body.Address is not null) clinic.Address = body.Address.Trim();
        clinic.Latitude = body.Latitude;
        clinic.Longitude = body.Longitude;
        if (body.TimeZone is not null) clinic.TimeZone = body.TimeZone;
        if (body.Phone is not null) clinic.Phone = body.Phone.Trim();
        if (body.Email is not null) clinic.Email = body.Email.Trim();
        if (body.ChangeCutoffHours is { } cutoff) clinic.ChangeCutoffHours = cutoff;
        if (body.BookingHorizonDays is { } horizon) clinic.BookingHorizonDays = horizon;
        if (body.Hours is not null) clinic.HoursJson = JsonSerializer.Serialize(body.Hours.OrderBy(h => h.Day).ThenBy(h => h.Opens), ClinicSchedule.Json);
        if (body.Exceptions is not null)
            clinic.ExceptionsJson = JsonSerializer.Serialize(body.Exceptions.Select(e => e with { Note = e.Note?.Trim() }).OrderBy(e => e.Date).ThenBy(e => e.Opens), ClinicSchedule.Json);
        if (body.Services is null) return;
        foreach (var existing in services) existing.Active = body.Services.Any(s => s.Id == existing.Id);
        foreach (var s in body.Services)
        {
            var match = s.Id is { } id ? services.FirstOrDefault(x => x.Id == id) : null;
            if (match is null) add(new ClinicService { Id = Guid.NewGuid(), ClinicId = clinic.Id, Kind = s.Kind, DurationMinutes = s.DurationMinutes, Active = true });
            else match.DurationMinutes = s.DurationMinutes; // a service keeps its kind: its bookings were made for it
        }
    }
}
