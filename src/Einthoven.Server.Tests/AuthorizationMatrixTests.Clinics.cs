using System.Net;
using Einthoven.Server.Tests.Hosting;

namespace Einthoven.Server.Tests;

/// <summary>
/// The clinic directory and booking (issue 27). The directory is for everyone signed in; booking for patients; none of
/// the matrix's callers is a clinic admin, so the clinic admins' endpoints refuse them all (clinic admins of one clinic
/// against another are checked in ClinicBookingTests).
/// </summary>
public abstract partial class AuthorizationMatrixTests
{
    private static readonly Matrix ClinicAdminsOnly = new(401, 403, 403, 403, 403, 403, 403, 403);
    /// <summary>A booking of the owner: the owner; another patient does not learn it exists; other roles may not ask.</summary>
    private static readonly Matrix OwnBooking = new(401, 200, 404, 403, 403, 403, 403, 403);

    private async Task<ClinicSetup> MatrixClinicAsync(string tag) =>
        await ClinicSetup.CreateAsync(W.Host, W.Actors[Who.Admin].Client, ClinicSetup.AllDay(), "matrix-" + tag);

    [ProviderFact]
    [Covers("GET /api/clinics")]
    [Covers("GET /api/clinics/{id:guid}")]
    [Covers("GET /api/clinics/{id:guid}/slots")]
    public async Task The_clinic_directory_is_for_everyone_signed_in()
    {
        var clinic = await MatrixClinicAsync("directory");
        await Check(HttpMethod.Get, _ => "/api/clinics?openNow=true", Matrix.AnyUser(), (who, body) => { if (who != Who.Anonymous) Assert.Contains(clinic.Id.ToString(), body); });
        await Check(HttpMethod.Get, _ => $"/api/clinics/{clinic.Id}", Matrix.AnyUser());
        await Check(HttpMethod.Get, _ => $"/api/clinics/{clinic.Id}/slots?serviceId={clinic.ServiceId}", Matrix.AnyUser());
    }

    [ProviderFact]
    [Covers("POST /api/bookings")]
    [Covers("GET /api/bookings")]
    public async Task Patients_book()
    {
        var clinic = await MatrixClinicAsync("book");
        var slots = await clinic.FreeSlotsAsync(W.Owner.Client);
        await Check(null, _ => "/api/bookings", Matrix.Patients(201), send: (client, who) => clinic.BookAsync(client, slots[(int)who]));
        await Check(HttpMethod.Get, _ => "/api/bookings", Matrix.Patients(), (who, body) => { if (who == Who.Owner) Assert.Contains(slots[(int)Who.Owner], body); });
    }

    [ProviderFact]
    [Covers("GET /api/bookings/{id:guid}")]
    [Covers("POST /api/bookings/{id:guid}/reschedule")]
    [Covers("POST /api/bookings/{id:guid}/cancel")]
    public async Task A_booking_is_its_patients()
    {
        var clinic = await MatrixClinicAsync("own");
        var slots = await clinic.FreeSlotsAsync(W.Owner.Client);
        var booking = (await (await clinic.BookAsync(W.Owner.Client, slots[1])).JsonAsync(HttpStatusCode.Created)).Id();
        await Check(HttpMethod.Get, _ => $"/api/bookings/{booking}", OwnBooking);
        await Check(HttpMethod.Post, _ => $"/api/bookings/{booking}/reschedule", OwnBooking, body: new { start = slots[5] });
        await Check(HttpMethod.Post, _ => $"/api/bookings/{booking}/cancel", OwnBooking, body: new { });
    }

    [ProviderFact]
    [Covers("GET /api/clinic-admin/clinics")]
    [Covers("PUT /api/clinics/{id:guid}")]
    [Covers("GET /api/clinics/{id:guid}/bookings")]
    [Covers("POST /api/bookings/{id:guid}/recording")]
    [Covers("PUT /api/bookings/{id:guid}/recording")]
    public async Task Managing_a_clinic_is_for_its_clinic_admins()
    {
        var clinic = await MatrixClinicAsync("manage");
        var booking = (await (await clinic.BookAsync(W.Owner.Client, (await clinic.FreeSlotsAsync(W.Owner.Client))[2])).JsonAsync(HttpStatusCode.Created)).Id();
        await Check(HttpMethod.Get, _ => "/api/clinic-admin/clinics", ClinicAdminsOnly);
        await Check(HttpMethod.Put, _ => $"/api/clinics/{clinic.Id}", ClinicAdminsOnly, body: new { name = "matrix", latitude = 41.3, longitude = 69.2 });
        await Check(HttpMethod.Get, _ => $"/api/clinics/{clinic.Id}/bookings", ClinicAdminsOnly);
        await Check(null, _ => $"/api/bookings/{booking}/recording", ClinicAdminsOnly, send: (client, _) => client.PostAsync($"/api/bookings/{booking}/recording", new MultipartFormDataContent()));
        await Check(HttpMethod.Put, _ => $"/api/bookings/{booking}/recording", ClinicAdminsOnly, body: new { recordingId = W.Recording });
        Assert.Equal(HttpStatusCode.OK, (await clinic.Admin.GetAsync($"/api/clinics/{clinic.Id}/bookings")).StatusCode);
    }

    [ProviderFact]
    [Covers("POST /api/admin/clinics")]
    [Covers("POST /api/admin/clinics/{id:guid}/admins")]
    public async Task Clinics_and_their_admins_are_made_by_admins()
    {
        await Check(HttpMethod.Post, _ => "/api/admin/clinics", Matrix.Admins(201), body: ClinicSetup.AllDay(name: "matrix clinic"));
        await Check(HttpMethod.Post, _ => $"/api/admin/clinics/{Guid.NewGuid()}/admins", Matrix.Admins(404), body: new { userId = W.Owner.Id });
    }
}
