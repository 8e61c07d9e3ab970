using System.Net;
using Einthoven.Server.Notifications;
using Einthoven.Server.Tests.Hosting;
using Einthoven.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Einthoven.Server.Tests;

/// <summary>
/// The clinic directory and booking (issue 27) on each database: no double booking under 50 concurrent requests, the
/// search filters, the clinic's rules for cancelling and rescheduling, clinic admins confined to their clinic, and the
/// appointment's recording attached with the patient told.
/// </summary>
public abstract class ClinicBookingTests(Provider provider)
{
    private readonly RecordingNotifications _notes = new();

    private ServerHost NewHost() => new(provider, services: s => s.AddSingleton<INotificationQueue>(_notes));

    [ProviderFact]
    public async Task Fifty_concurrent_requests_for_one_slot_book_it_exactly_once()
    {
        await using var host = NewHost();
        var clinic = await ClinicSetup.CreateAsync(host, await ClinicSetup.SystemAdminAsync(host), ClinicSetup.AllDay(), "race");
        var patients = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => host.NewPatientAsync($"racer{i}@test.local")));
        var slot = (await clinic.FreeSlotsAsync(patients[0]))[3];

        using var gate = new SemaphoreSlim(0);
        var requests = Enumerable.Range(0, 50).Select(async i =>
        {
            await gate.WaitAsync();
            return await clinic.BookAsync(patients[i % patients.Length], slot);
        }).ToList();
        gate.Release(50);
        var responses = await Task.WhenAll(requests);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.Created).ToList();
        Assert.Equal(49, refused.Count);
        foreach (var response in refused)
        {
            var problem = await response.JsonAsync(HttpStatusCode.Conflict);
            Assert.Equal("slot already booked", problem.Str("title"));
            Assert.Contains("choose another slot", problem.Str("detail"));
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(1, await host.DbAsync(db => Task.FromResult(db.Appointments.Count(b => b.CancelledAt == null))));
        Assert.DoesNotContain(slot, await clinic.FreeSlotsAsync(patients[0]));
    }

    [ProviderFact]
    public async Task Patients_find_clinics_by_service_open_now_and_distance()
    {
        await using var host = NewHost();
        var admin = await ClinicSetup.SystemAdminAsync(host);
        var near = await ClinicSetup.CreateAsync(host, admin, ClinicSetup.AllDay(kind: "Holter", name: "Near Holter"), "near");
        var far = await ClinicSetup.CreateAsync(host, admin, ClinicSetup.AllDay(name: "Samarkand ECG", lat: 39.6542, lon: 66.9597), "far");
        var closed = await (await admin.PostJsonAsync("/api/admin/clinics", new
        {
            name = "Closed ECG", address = "Chilonzor 5", latitude = 41.28, longitude = 69.21,
            hours = Array.Empty<object>(), services = new[] { new { kind = "RestingEcg", durationMinutes = 15 } },
        })).JsonAsync(HttpStatusCode.Created);
        var patient = await host.NewPatientAsync("finder@test.local");

        async Task<List<string>> Names(string query) =>
            (await (await patient.GetAsync("/api/clinics" + query)).JsonAsync()).EnumerateArray().Select(c => c.Str("name")).ToList();

        Assert.Equal(["Near Holter"], await Names("?service=Holter"));
        Assert.Equal(["Near Holter", "Samarkand ECG"], await Names("?openNow=true"));
        Assert.Equal(["Near Holter", "Closed ECG", "Samarkand ECG"], await Names($"?lat={ClinicSetup.Latitude}&lon={ClinicSetup.Longitude}"));
        Assert.Equal(["Near Holter", "Closed ECG"], await Names($"?lat={ClinicSetup.Latitude}&lon={ClinicSetup.Longitude}&maxKm=50"));
        Assert.Equal(["Closed ECG", "Samarkand ECG"], await Names("?service=RestingEcg"));
        var found = (await (await patient.GetAsync($"/api/clinics?lat=39.65&lon=66.96&service=RestingEcg&openNow=true")).JsonAsync())[0];
        Assert.Equal(far.Id, found.Id());
        Assert.InRange(found.GetProperty("distanceKm").GetDouble(), 0, 1);
        var page = await (await patient.GetAsync($"/api/clinics/{closed.Id()}")).JsonAsync();
        Assert.False(page.GetProperty("openNow").GetBoolean());
        Assert.Equal("Asia/Tashkent", page.Str("timeZone"));
        var invalid = await (await patient.GetAsync("/api/clinics?lat=41")).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("lon", invalid.Str("field"));
        Assert.NotNull(near);
    }

    [ProviderFact]
    public async Task Booking_cancelling_and_rescheduling_follow_the_clinics_rules_and_tell_the_patient()
    {
        await using var host = NewHost();
        var admin = await ClinicSetup.SystemAdminAsync(host);
        var clinic = await ClinicSetup.CreateAsync(host, admin, ClinicSetup.AllDay(minutes: 30, cutoffHours: 0), "rules");
        var patient = await host.NewPatientAsync("booker@test.local");
        var other = await host.NewPatientAsync("other-booker@test.local");
        var slots = await clinic.FreeSlotsAsync(patient);

        // Only exact slot starts in the future are bookable.
        var offGrid = DateTimeOffset.Parse(slots[2], System.Globalization.CultureInfo.InvariantCulture).AddMinutes(7);
        Assert.Equal("start", (await (await clinic.BookAsync(patient, offGrid.ToString("o"))).JsonAsync(HttpStatusCode.BadRequest)).Str("field"));
        Assert.Equal("slot in the past", (await (await clinic.BookAsync(patient, DateTimeOffset.UtcNow.AddHours(-3).ToString("o"))).JsonAsync(HttpStatusCode.BadRequest)).Str("title"));

        var booking = await (await clinic.BookAsync(patient, slots[2])).JsonAsync(HttpStatusCode.Created);
        var id = booking.Id();
        Assert.Equal("booked", booking.Str("state"));
        Assert.EndsWith("+05:00", booking.Str("start"));
        Assert.Equal([NotificationKinds.BookingConfirmed], _notes.Of(id).Select(n => n.Kind).ToList()); // within 2 h: no reminders are due any more
        Assert.Contains(_notes.Of(id), n => n.Key == $"booking:{id}:confirmed" && n.Values["start"] == booking.Str("start") && n.Values["clinic"].StartsWith("Clinic "));

        var later = await (await clinic.BookAsync(other, slots[^1])).JsonAsync(HttpStatusCode.Created);
        var reminders = _notes.Of(later.Id()).Where(n => n.Kind != NotificationKinds.BookingConfirmed).ToList();
        Assert.Equal([$"booking:{later.Id()}:reminder-24h", $"booking:{later.Id()}:reminder-2h"], reminders.Select(n => n.Key).ToList());
        Assert.Equal(DateTimeOffset.Parse(slots[^1], System.Globalization.CultureInfo.InvariantCulture).AddHours(-24), reminders[0].DueAt);

        // Rescheduling into a taken slot changes nothing; into a free one moves the booking and frees the old slot.
        await (await clinic.BookAsync(other, slots[4])).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("slot already booked", (await (await patient.PostJsonAsync($"/api/bookings/{id}/reschedule", new { start = slots[4] })).JsonAsync(HttpStatusCode.Conflict)).Str("title"));
        Assert.Equal(slots[2], (await (await patient.GetAsync($"/api/bookings/{id}")).JsonAsync()).Str("start"));
        var moved = await (await patient.PostJsonAsync($"/api/bookings/{id}/reschedule", new { start = slots[6] })).JsonAsync();
        Assert.Equal(slots[6], moved.Str("start"));
        Assert.Contains(slots[2], await clinic.FreeSlotsAsync(patient));
        Assert.Contains($"booking:{id}:reminder", _notes.Cancelled);
        Assert.Contains(_notes.Of(id), n => n.Kind == NotificationKinds.BookingRescheduled && n.Values["start"] == slots[6]);

        // Another patient cannot see or cancel it; its patient cancels, and the slot is free again.
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostJsonAsync($"/api/bookings/{id}/cancel", new { })).StatusCode);
        Assert.Equal("cancelled", (await (await patient.PostJsonAsync($"/api/bookings/{id}/cancel", new { })).JsonAsync()).Str("state"));
        Assert.Equal("booking cancelled", (await (await patient.PostJsonAsync($"/api/bookings/{id}/cancel", new { })).JsonAsync(HttpStatusCode.Conflict)).Str("title"));
        Assert.Contains(_notes.Of(id), n => n.Kind == NotificationKinds.BookingCancelled);
        Assert.Contains(slots[6], await clinic.FreeSlotsAsync(patient));
        Assert.Equal(HttpStatusCode.Created, (await clinic.BookAsync(other, slots[6])).StatusCode); // a cancelled booking holds nothing

        // Past the clinic's cut-off the patient may no longer change a booking; the clinic still may cancel it.
        var strict = await ClinicSetup.CreateAsync(host, admin, ClinicSetup.AllDay(minutes: 60, cutoffHours: 48), "strict");
        var soon = await (await strict.BookAsync(patient, (await strict.FreeSlotsAsync(patient))[1])).JsonAsync(HttpStatusCode.Created);
        Assert.False(soon.GetProperty("canChange").GetBoolean());
        var late = await (await patient.PostJsonAsync($"/api/bookings/{soon.Id()}/cancel", new { })).JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal("too late to change", late.Str("title"));
        Assert.Contains("48", late.Str("detail"));
        Assert.Equal(HttpStatusCode.Conflict, (await patient.PostJsonAsync($"/api/bookings/{soon.Id()}/reschedule", new { start = (await strict.FreeSlotsAsync(patient))[3] })).StatusCode);
        var byClinic = await (await strict.Admin.PostJsonAsync($"/api/bookings/{soon.Id()}/cancel", new { })).JsonAsync();
        Assert.Equal("clinic", byClinic.Str("cancelledBy"));

        // The problems speak the caller's language.
        using var russian = new HttpRequestMessage(HttpMethod.Post, $"/api/bookings/{soon.Id()}/cancel") { Content = System.Net.Http.Json.JsonContent.Create(new { }) };
        russian.Headers.AcceptLanguage.ParseAdd("ru");
        Assert.Equal("запись отменена", (await (await patient.SendAsync(russian)).JsonAsync(HttpStatusCode.Conflict)).Str("title"));
    }

    [ProviderFact]
    public async Task A_clinic_admin_manages_only_their_clinic_and_sees_only_its_bookings()
    {
        await using var host = NewHost();
        var admin = await ClinicSetup.SystemAdminAsync(host);
        var a = await ClinicSetup.CreateAsync(host, admin, ClinicSetup.AllDay(), "a");
        var b = await ClinicSetup.CreateAsync(host, admin, ClinicSetup.AllDay(), "b");
        var patient = await host.NewPatientAsync("patient-ab@test.local");
        var atA = (await (await a.BookAsync(patient, (await a.FreeSlotsAsync(patient))[1])).JsonAsync(HttpStatusCode.Created)).Id();
        var atB = (await (await b.BookAsync(patient, (await b.FreeSlotsAsync(patient))[1])).JsonAsync(HttpStatusCode.Created)).Id();

        var mine = await (await a.Admin.GetAsync($"/api/clinics/{a.Id}/bookings")).JsonAsync();
        Assert.Equal([atA], mine.EnumerateArray().Select(x => x.Id()).ToList());
        Assert.Equal("patient-ab@test.local", mine[0].Str("patientEmail"));
        Assert.Equal([a.Id], (await (await a.Admin.GetAsync("/api/clinic-admin/clinics")).JsonAsync()).EnumerateArray().Select(x => x.Id()).ToList());

        // Clinic B, seen by A's admin: the directory page yes; its bookings, settings and booking records no.
        Assert.Equal(HttpStatusCode.OK, (await a.Admin.GetAsync($"/api/clinics/{b.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await a.Admin.GetAsync($"/api/clinics/{b.Id}/bookings")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await a.Admin.PutAsync($"/api/clinics/{b.Id}", System.Net.Http.Json.JsonContent.Create(
            new { name = "Taken over", latitude = 41.0, longitude = 69.0 }))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.Admin.GetAsync($"/api/bookings/{atB}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.Admin.PostJsonAsync($"/api/bookings/{atB}/cancel", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.Admin.PutAsync($"/api/bookings/{atB}/recording", System.Net.Http.Json.JsonContent.Create(new { recordingId = Guid.NewGuid() }))).StatusCode);
        var leaked = await (await a.Admin.GetAsync($"/api/clinics/{a.Id}/bookings?days=92")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(atB.ToString(), leaked);
        // Patients and doctors are no clinic admins; a patient cannot book for the clinic's admin either.
        Assert.Equal(HttpStatusCode.Forbidden, (await patient.GetAsync($"/api/clinics/{a.Id}/bookings")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await a.Admin.PostJsonAsync("/api/bookings", new { serviceId = a.ServiceId, start = DateTimeOffset.UtcNow })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await host.NewDoctorAsync("doc-ab@test.local")).GetAsync($"/api/clinics/{a.Id}/bookings")).StatusCode);

        // A's admin sets hours with a holiday; bad input names its field.
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(5));
        var bad = await (await a.Admin.PutAsync($"/api/clinics/{a.Id}", System.Net.Http.Json.JsonContent.Create(new
        {
            latitude = 41.3, longitude = 69.28, hours = new[] { new { day = "Monday", opens = "18:00", closes = "09:00" } },
        }, options: Hosting.Api.Json))).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("hours[0]", bad.Str("field"));
        var updated = await (await a.Admin.PutAsync($"/api/clinics/{a.Id}", System.Net.Http.Json.JsonContent.Create(new
        {
            latitude = 41.3, longitude = 69.28, exceptions = new[] { new { date = today.AddDays(1).ToString("yyyy-MM-dd"), note = "holiday" } },
        }, options: Hosting.Api.Json))).JsonAsync();
        Assert.Single(updated.GetProperty("exceptions").EnumerateArray());
        var tomorrow = await (await patient.GetAsync($"/api/clinics/{a.Id}/slots?serviceId={a.ServiceId}&from={today.AddDays(1):yyyy-MM-dd}&days=1")).JsonAsync();
        Assert.Empty(tomorrow.GetProperty("slots").EnumerateArray());
    }

    [ProviderFact]
    public async Task The_clinic_attaches_the_appointments_recording_and_the_patient_is_told_results_are_ready()
    {
        await using var host = NewHost();
        var admin = await ClinicSetup.SystemAdminAsync(host);
        var clinic = await ClinicSetup.CreateAsync(host, admin, ClinicSetup.AllDay(), "rec");
        var patient = await host.NewPatientAsync("recorded@test.local");
        var id = (await (await clinic.BookAsync(patient, (await clinic.FreeSlotsAsync(patient))[0])).JsonAsync(HttpStatusCode.Created)).Id();

        using var form = new MultipartFormDataContent();
        var csv = "time,ECG\n" + string.Join("\n", Enumerable.Range(0, 2500).Select(i => $"{i / 250.0:0.000},{Math.Sin(i / 10.0):0.000}"));
        form.Add(new StringContent("250"), "samplingFrequency");
        form.Add(new StringContent("mV"), "unit");
        form.Add(new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)), "files", "appointment.csv");
        var attached = await (await clinic.Admin.PostAsync($"/api/bookings/{id}/recording", form)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("results", attached.Str("state"));
        var recording = attached.GetProperty("recordingId").GetGuid();

        // The recording is the patient's; the patient is told, with the recording's id.
        Assert.Equal(HttpStatusCode.OK, (await patient.GetAsync($"/api/recordings/{recording}")).StatusCode);
        Assert.Contains(_notes.Of(id), n => n.Kind == NotificationKinds.ResultsReady && n.Values["recordingId"] == recording.ToString());
        Assert.Equal(HttpStatusCode.Conflict, (await clinic.Admin.PutAsync($"/api/bookings/{id}/recording", System.Net.Http.Json.JsonContent.Create(new { recordingId = recording }))).StatusCode);
        Assert.Equal("results", (await (await patient.GetAsync("/api/bookings")).JsonAsync())[0].Str("state"));

        // Attaching a stored recording: only one of the booking's patient.
        var second = (await (await clinic.BookAsync(patient, (await clinic.FreeSlotsAsync(patient))[1])).JsonAsync(HttpStatusCode.Created)).Id();
        var refused = await (await clinic.Admin.PutAsync($"/api/bookings/{second}/recording", System.Net.Http.Json.JsonContent.Create(new { recordingId = Guid.NewGuid() }))).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("recordingId", refused.Str("field"));
        Assert.Equal("results", (await (await clinic.Admin.PutAsync($"/api/bookings/{second}/recording", System.Net.Http.Json.JsonContent.Create(new { recordingId = recording }))).JsonAsync()).Str("state"));
    }
}

public sealed class SqliteClinicBookingTests() : ClinicBookingTests(Provider.Sqlite);

[UsesPostgres]
public sealed class PostgresClinicBookingTests() : ClinicBookingTests(Provider.Postgres);
