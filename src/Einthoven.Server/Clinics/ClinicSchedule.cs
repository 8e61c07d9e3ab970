using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Einthoven.Server.Clinics;

/// <summary>A weekday's opening interval, clinic time: "08:00" to "17:00" ("24:00" closes at midnight).</summary>
public sealed record OpeningHours(DayOfWeek Day, string Opens, string Closes);

/// <summary>A dated exception (a holiday, short hours): no times, closed that day; else open only at the exceptions' intervals.</summary>
public sealed record HoursException(DateOnly Date, string? Opens = null, string? Closes = null, string? Note = null);

/// <summary>
/// When a clinic is open and which slots it offers, in the clinic's time zone: the weekly hours unless the date has
/// exceptions. Slots are computed, not stored: a service of D minutes has slots at opening, opening + D, ... as long as
/// the slot ends by closing. A local time that a daylight-saving change skips has no slot (Tashkent has no DST).
/// </summary>
public sealed class ClinicSchedule
{
    public const string DefaultTimeZone = "Asia/Tashkent";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly IReadOnlyList<OpeningHours> _weekly;
    private readonly ILookup<DateOnly, HoursException> _exceptions;

    public ClinicSchedule(TimeZoneInfo zone, IReadOnlyList<OpeningHours> weekly, IReadOnlyList<HoursException> exceptions)
    {
        Zone = zone;
        _weekly = weekly;
        Exceptions = exceptions;
        _exceptions = exceptions.ToLookup(e => e.Date);
    }

    public TimeZoneInfo Zone { get; }
    public IReadOnlyList<OpeningHours> Weekly => _weekly;
    public IReadOnlyList<HoursException> Exceptions { get; }

    public static ClinicSchedule Of(Clinic clinic) => new(
        FindZone(clinic.TimeZone) ?? TimeZoneInfo.Utc,
        JsonSerializer.Deserialize<List<OpeningHours>>(clinic.HoursJson, Json) ?? [],
        JsonSerializer.Deserialize<List<HoursException>>(clinic.ExceptionsJson, Json) ?? []);

    public static TimeZoneInfo? FindZone(string? id) =>
        id is { Length: > 0 and <= 64 } && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;

    /// <summary>Minutes since midnight of "HH:mm" (00:00-24:00), or null.</summary>
    public static int? Minutes(string? text)
    {
        if (text is not { Length: 5 } || text[2] != ':' || !int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            || !int.TryParse(text.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m) || m > 59 || h > 24 || (h == 24 && m != 0))
            return null;
        return h * 60 + m;
    }

    /// <summary>The open intervals of a local date, in minutes since midnight, in order.</summary>
    public IReadOnlyList<(int Opens, int Closes)> IntervalsOn(DateOnly date)
    {
        if (_exceptions.Contains(date))
        {
            var special = _exceptions[date].ToList();
            if (special.Any(e => e.Opens is null || e.Closes is null)) return [];
            return Ordered(special.Select(e => (Minutes(e.Opens), Minutes(e.Closes))));
        }
        return Ordered(_weekly.Where(w => w.Day == date.DayOfWeek).Select(w => (Minutes(w.Opens), Minutes(w.Closes))));
    }

    private static List<(int, int)> Ordered(IEnumerable<(int? Opens, int? Closes)> intervals) =>
        intervals.Where(i => i is { Opens: not null, Closes: not null } && i.Opens < i.Closes).Select(i => (i.Opens!.Value, i.Closes!.Value)).OrderBy(i => i.Item1).ToList();

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public bool IsOpenAt(DateTimeOffset instant)
    {
        var local = ToLocal(instant);
        var minute = local.Hour * 60 + local.Minute;
        return IntervalsOn(DateOnly.FromDateTime(local.DateTime)).Any(i => minute >= i.Opens && minute < i.Closes);
    }

    /// <summary>The start times of the slots of a service of <paramref name="minutes"/> on <paramref name="days"/> local dates from <paramref name="from"/>.</summary>
    public IEnumerable<DateTimeOffset> Slots(DateOnly from, int days, int minutes)
    {
        for (var d = 0; d < days; d++)
        {
            var date = from.AddDays(d);
            foreach (var (opens, closes) in IntervalsOn(date))
                for (var start = opens; start + minutes <= closes; start += minutes)
                    if (At(date, start) is { } instant) yield return instant;
        }
    }

    /// <summary>Whether <paramref name="start"/> is exactly a slot start of a service of <paramref name="minutes"/>.</summary>
    public bool IsSlot(DateTimeOffset start, int minutes)
    {
        var local = ToLocal(start);
        var date = DateOnly.FromDateTime(local.DateTime);
        return Slots(date, 1, minutes).Any(s => s == start);
    }

    /// <summary>A local date and minute as an instant with the clinic's offset; null where the clock skips it.</summary>
    public DateTimeOffset? At(DateOnly date, int minute)
    {
        var local = date.ToDateTime(TimeOnly.MinValue).AddMinutes(minute);
        if (Zone.IsInvalidTime(local)) return null;
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }
}
