using System.Text.Json;
using Einthoven.Server.Storage;

namespace Einthoven.Server.Clinics;

/// <summary>Three demo clinics in Tashkent with hours, a holiday and services; the demo clinic admin manages the first.</summary>
public static class DemoClinics
{
    public static async Task SeedAsync(AppDb db, Guid clinicAdmin, DateTime now, CancellationToken ct)
    {
        var weekdays = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };
        List<OpeningHours> Hours(string opens, string closes, bool saturday) =>
            [.. weekdays.Select(d => new OpeningHours(d, opens, closes)), .. saturday ? [new OpeningHours(DayOfWeek.Saturday, "09:00", "14:00")] : Array.Empty<OpeningHours>()];
        var nextNewYear = new DateOnly(now.Year + 1, 1, 1);
        var clinics = new (string Name, string Address, double Lat, double Lon, List<OpeningHours> Hours, (ServiceKind Kind, int Minutes)[] Services)[]
        {
            ("Yunusobod Cardiology Centre", "Amir Temur ko'chasi 108, Yunusobod, Tashkent", 41.3402, 69.2869, Hours("08:00", "18:00", true),
                [(ServiceKind.RestingEcg, 20), (ServiceKind.Holter, 30), (ServiceKind.StressTest, 60)]),
            ("Chilonzor Family Clinic", "Bunyodkor shoh ko'chasi 12, Chilonzor, Tashkent", 41.2756, 69.2034, Hours("09:00", "17:00", false),
                [(ServiceKind.RestingEcg, 15)]),
            ("Mirzo Ulugbek Heart Clinic", "Mirzo Ulug'bek ko'chasi 56, Tashkent", 41.3260, 69.3340,
                [.. Enum.GetValues<DayOfWeek>().Select(d => new OpeningHours(d, "00:00", "24:00"))], [(ServiceKind.RestingEcg, 20), (ServiceKind.Holter, 30)]),
        };
        var first = true;
        foreach (var c in clinics)
        {
            var clinic = new Clinic
            {
                Id = Guid.NewGuid(), Name = c.Name, Address = c.Address, Latitude = c.Lat, Longitude = c.Lon, Phone = "+998 71 200 00 00", Email = "info@demo.einthoven",
                HoursJson = JsonSerializer.Serialize(c.Hours, ClinicSchedule.Json), CreatedAt = now,
                ExceptionsJson = JsonSerializer.Serialize(new[] { new HoursException(nextNewYear, Note: "New Year") }, ClinicSchedule.Json),
            };
            db.Clinics.Add(clinic);
            db.ClinicServices.AddRange(c.Services.Select(s => new ClinicService { Id = Guid.NewGuid(), ClinicId = clinic.Id, Kind = s.Kind, DurationMinutes = s.Minutes }));
            if (first) db.ClinicStaff.Add(new ClinicStaff { UserId = clinicAdmin, ClinicId = clinic.Id });
            first = false;
        }
        await db.SaveChangesAsync(ct);
    }
}
