using System.Net;
using System.Text.Json;
using Einthoven.Server.Accounts;

namespace Einthoven.Server.Tests.Hosting;

/// <summary>Clinics made through the admin API, with a clinic admin signed in, and the slots of their services.</summary>
public sealed record ClinicSetup(Guid Id, Guid ServiceId, Guid AdminId, HttpClient Admin)
{
    /// <summary>Tashkent's centre (Amir Temur square).</summary>
    public const double Latitude = 41.3111, Longitude = 69.2797;

    public static object AllDay(int minutes = 30, int cutoffHours = 0, string kind = "RestingEcg", double lat = Latitude, double lon = Longitude, string? name = null) => new
    {
        name = name ?? "Clinic " + Guid.NewGuid().ToString("N")[..6], address = "Amir Temur 1, Tashkent", latitude = lat, longitude = lon, phone = "+998 71 000 00 00",
        hours = Enum.GetValues<DayOfWeek>().Select(d => new { day = d.ToString(), opens = "00:00", closes = "24:00" }),
        services = new[] { new { kind, durationMinutes = minutes } }, changeCutoffHours = cutoffHours, bookingHorizonDays = 30,
    };

    public static async Task<ClinicSetup> CreateAsync(ServerHost host, HttpClient systemAdmin, object body, string tag)
    {
        var clinic = await (await systemAdmin.PostJsonAsync("/api/admin/clinics", body)).JsonAsync(HttpStatusCode.Created);
        var email = $"clinic-{tag}-{Guid.NewGuid():N}@test.local";
        const string password = "Clinic-Pass-1234";
        var adminId = await host.CreateUserAsync(email, password, Roles.ClinicAdmin);
        await (await systemAdmin.PostJsonAsync($"/api/admin/clinics/{clinic.Id()}/admins", new { userId = adminId })).JsonAsync();
        return new ClinicSetup(clinic.Id(), clinic.GetProperty("services")[0].Id(), adminId, await host.SignInAsync(email, password));
    }

    public static async Task<HttpClient> SystemAdminAsync(ServerHost host)
    {
        var email = $"sysadmin-{Guid.NewGuid():N}@test.local";
        await host.CreateUserAsync(email, "Admin-Pass-1234", Roles.Admin);
        return await host.SignInAsync(email, "Admin-Pass-1234");
    }

    /// <summary>The free slot starts of the service (as the API wrote them, with the clinic's offset).</summary>
    public async Task<List<string>> FreeSlotsAsync(HttpClient client, int days = 2)
    {
        var slots = await (await client.GetAsync($"/api/clinics/{Id}/slots?serviceId={ServiceId}&days={days}")).JsonAsync();
        return slots.GetProperty("slots").EnumerateArray().Where(s => s.GetProperty("free").GetBoolean()).Select(s => s.GetProperty("start").GetRawText().Trim('"')).ToList();
    }

    public Task<HttpResponseMessage> BookAsync(HttpClient patient, string start) => patient.PostJsonAsync("/api/bookings", new { serviceId = ServiceId, start });
}
