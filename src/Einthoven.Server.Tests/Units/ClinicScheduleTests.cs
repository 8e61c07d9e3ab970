using Einthoven.Server.Clinics;

namespace Einthoven.Server.Tests.Units;

/// <summary>Slots from weekly hours, exceptions and the service's duration, in the clinic's time zone; open now.</summary>
public sealed class ClinicScheduleTests
{
    private static readonly TimeZoneInfo Tashkent = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tashkent");
    private static readonly DateOnly Monday = new(2026, 3, 2), Tuesday = new(2026, 3, 3);

    private static ClinicSchedule Schedule(TimeZoneInfo? zone = null, params HoursException[] exceptions) => new(zone ?? Tashkent,
        [new OpeningHours(DayOfWeek.Monday, "09:00", "12:00"), new OpeningHours(DayOfWeek.Monday, "13:00", "14:10"), new OpeningHours(DayOfWeek.Tuesday, "08:00", "09:00")],
        exceptions);

    [Fact]
    public void Slots_fill_each_interval_with_whole_durations_in_the_clinics_time()
    {
        var slots = Schedule().Slots(Monday, 2, 40).Select(s => s.ToString("ddd HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(["Mon 09:00 +05:00", "Mon 09:40 +05:00", "Mon 10:20 +05:00", "Mon 11:00 +05:00", "Mon 13:00 +05:00", "Tue 08:00 +05:00"], slots); // 13:40 + 40 min would end after 14:10
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 4, 0, 0, TimeSpan.Zero), Schedule().Slots(Monday, 1, 40).First()); // Tashkent is UTC+5 all year
    }

    [Fact]
    public void A_holiday_closes_the_day_and_special_hours_replace_the_weeks()
    {
        var schedule = Schedule(null, new HoursException(Monday, Note: "holiday"), new HoursException(Tuesday, "10:00", "11:00"));
        Assert.Equal(["10:00", "10:30"], schedule.Slots(Monday, 2, 30).Select(s => s.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.False(schedule.IsOpenAt(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(5))));
        Assert.True(schedule.IsOpenAt(new DateTimeOffset(2026, 3, 3, 10, 59, 0, TimeSpan.FromHours(5))));
    }

    [Fact]
    public void Open_now_and_exact_slots_are_judged_in_the_clinics_time_zone()
    {
        var schedule = Schedule();
        Assert.True(schedule.IsOpenAt(new DateTimeOffset(2026, 3, 2, 4, 30, 0, TimeSpan.Zero))); // 09:30 in Tashkent
        Assert.False(schedule.IsOpenAt(new DateTimeOffset(2026, 3, 2, 7, 30, 0, TimeSpan.Zero))); // 12:30: lunch
        Assert.False(schedule.IsOpenAt(new DateTimeOffset(2026, 3, 2, 9, 10, 0, TimeSpan.Zero))); // 14:10: closed
        Assert.True(schedule.IsSlot(new DateTimeOffset(2026, 3, 2, 4, 40, 0, TimeSpan.Zero), 40));
        Assert.False(schedule.IsSlot(new DateTimeOffset(2026, 3, 2, 4, 45, 0, TimeSpan.Zero), 40)); // not on the grid
        Assert.False(schedule.IsSlot(new DateTimeOffset(2026, 3, 2, 8, 40, 0, TimeSpan.Zero), 40)); // 13:40 + 40 min ends after 14:10
    }

    [Fact]
    public void A_time_the_clock_skips_has_no_slot()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var sunday = new DateOnly(2026, 3, 29); // clocks go from 02:00 to 03:00
        var schedule = new ClinicSchedule(berlin, [new OpeningHours(DayOfWeek.Sunday, "01:00", "04:00")], []);
        var slots = schedule.Slots(sunday, 1, 60).ToList();
        Assert.Equal([TimeSpan.FromHours(1), TimeSpan.FromHours(2)], slots.Select(s => s.Offset).ToList());
        Assert.Equal([1, 3], slots.Select(s => s.Hour).ToList());
    }

    [Theory]
    [InlineData("08:00", 480)]
    [InlineData("24:00", 1440)]
    [InlineData("24:01", null)]
    [InlineData("8:00", null)]
    [InlineData("08:60", null)]
    public void Times_are_hh_mm(string text, int? minutes) => Assert.Equal(minutes, ClinicSchedule.Minutes(text));
}
