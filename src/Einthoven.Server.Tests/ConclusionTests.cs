using System.Net;
using Einthoven.Server.Notifications;
using Einthoven.Server.Tests.Hosting;

namespace Einthoven.Server.Tests;

/// <summary>
/// A doctor's conclusion on a shared recording (issue 27): the doctor holding a grant writes it, the patient reads it and
/// is told once per version; bad texts get a 400 naming the field; the patient, a doctor whose grant ended and strangers
/// cannot write one, and nobody learns one exists through a refusal.
/// </summary>
public abstract class ConclusionTests(ServerFixture fixture)
{
    private World W => fixture.World;
    private Actor Patient => W.Actors[Who.OtherPatient];
    private string Url => $"/api/recordings/{W.OtherRecording}";

    [ProviderFact]
    public async Task A_granted_doctor_concludes_the_patient_reads_it_and_is_told_once_per_version()
    {
        var doctor = await GrantedDoctorAsync();
        var first = await (await doctor.PutJsonAsync($"{Url}/conclusion", new { text = "  Sinus rhythm, 72/min.\nNo acute changes.  " })).JsonAsync();
        Assert.Equal(("Sinus rhythm, 72/min.\nNo acute changes.", 1), (first.Str("text"), first.GetProperty("version").GetInt32()));

        var read = (await (await Patient.Client.GetAsync($"{Url}/conclusions")).JsonAsync()).EnumerateArray().Single(c => c.Id() == first.Id());
        Assert.Equal("Sinus rhythm, 72/min.\nNo acute changes.", read.Str("text"));
        Assert.False(string.IsNullOrEmpty(read.Str("authorName")));
        Assert.Single(await ConclusionNoticesAsync(first.Id()));

        var second = await (await doctor.PutJsonAsync($"{Url}/conclusion", new { text = "Sinus rhythm; first-degree AV block (PR 230 ms)." })).JsonAsync();
        Assert.Equal((first.Id(), 2), (second.Id(), second.GetProperty("version").GetInt32()));
        var mine = (await (await Patient.Client.GetAsync($"{Url}/conclusions")).JsonAsync()).EnumerateArray().Where(c => c.Id() == first.Id()).ToList();
        Assert.Equal("Sinus rhythm; first-degree AV block (PR 230 ms).", Assert.Single(mine).Str("text"));
        Assert.Equal(2, (await ConclusionNoticesAsync(first.Id())).Count);

        Assert.Equal(HttpStatusCode.NoContent, (await doctor.DeleteAsync($"{Url}/conclusion")).StatusCode);
        Assert.DoesNotContain(first.Id().ToString(), await (await Patient.Client.GetAsync($"{Url}/conclusions")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await doctor.DeleteAsync($"{Url}/conclusion")).StatusCode);
    }

    [ProviderFact]
    public async Task Empty_or_overlong_texts_get_a_400_naming_the_field_in_the_callers_language()
    {
        var doctor = await GrantedDoctorAsync();
        var empty = await (await doctor.PutJsonAsync($"{Url}/conclusion", new { text = "   " })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("text", empty.Str("field"));
        var overlong = await (await doctor.PutJsonAsync($"{Url}/conclusion", new { text = new string('x', 4001) })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("text", overlong.Str("field"));
        Assert.Contains("4000", overlong.Str("detail"));

        doctor.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        var russian = await (await doctor.PutJsonAsync($"{Url}/conclusion", new { text = "" })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("некорректное заключение", russian.Str("title"));
    }

    [ProviderFact]
    public async Task The_patient_and_doctors_without_a_live_grant_cannot_conclude()
    {
        var doctor = await GrantedDoctorAsync();
        await (await doctor.PutJsonAsync($"{Url}/conclusion", new { text = "Confidential conclusion 7731" })).JsonAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await Patient.Client.PutJsonAsync($"{Url}/conclusion", new { text = "my own" })).StatusCode);
        var stranger = await fixture.Host.NewDoctorAsync($"dr-{Guid.NewGuid():N}@test.local");
        foreach (var answer in new[]
                 {
                     await stranger.PutJsonAsync($"{Url}/conclusion", new { text = "no grant" }), await stranger.GetAsync($"{Url}/conclusions"),
                     await stranger.DeleteAsync($"{Url}/conclusion"), await W.Owner.Client.GetAsync($"{Url}/conclusions"),
                 })
        {
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
            Assert.DoesNotContain("7731", await answer.Content.ReadAsStringAsync());
        }
        await doctor.DeleteAsync($"{Url}/conclusion");
    }

    private async Task<HttpClient> GrantedDoctorAsync()
    {
        var doctor = await fixture.Host.NewDoctorAsync($"dr-{Guid.NewGuid():N}@test.local");
        var key = await (await Patient.Client.PostJsonAsync("/api/access-keys", new { })).JsonAsync(HttpStatusCode.Created);
        await (await doctor.PostJsonAsync("/api/grants", new { patientEmail = Patient.Email, key = key.Str("key") })).JsonAsync(HttpStatusCode.Created);
        return doctor;
    }

    private async Task<List<System.Text.Json.JsonElement>> ConclusionNoticesAsync(Guid conclusionId)
    {
        var page = await (await Patient.Client.GetAsync("/api/notifications?pageSize=100")).JsonAsync();
        return page.GetProperty("items").EnumerateArray()
            .Where(n => n.Str("kind") == NotificationKinds.DoctorConclusion && n.GetProperty("values").GetProperty("recordingId").GetString() == W.OtherRecording.ToString())
            .ToList();
    }
}

[Collection("sqlite")]
public sealed class SqliteConclusionTests(SqliteFixture fixture) : ConclusionTests(fixture);

[Collection("postgres"), UsesPostgres]
public sealed class PostgresConclusionTests(PostgresFixture fixture) : ConclusionTests(fixture);
