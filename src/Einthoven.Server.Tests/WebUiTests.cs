using System.Net;
using Einthoven.Server.Tests.Hosting;

namespace Einthoven.Server.Tests;

/// <summary>
/// What the web UI needs from the server: its pages and files, /api/session for everyone, and the recordings list with
/// each analysis summary under the same rules as the patient's other data.
/// </summary>
public abstract class WebUiTests(ServerFixture fixture)
{
    private World W => fixture.World;

    [ProviderFact]
    public async Task Session_answers_everyone_and_names_the_signed_in_user()
    {
        var anonymous = await (await W.Anonymous.GetAsync("/api/session")).JsonAsync();
        Assert.False(anonymous.GetProperty("signedIn").GetBoolean());
        foreach (var who in W.Everyone.Where(w => w != Who.Anonymous))
        {
            var session = await (await W.ClientOf(who).GetAsync("/api/session")).JsonAsync();
            Assert.True(session.GetProperty("signedIn").GetBoolean());
            Assert.Equal(W.Actors[who].Email, session.GetProperty("user").Str("email"));
        }
    }

    [ProviderFact]
    public async Task Summaries_follow_the_patient_data_rules()
    {
        var expected = Matrix.PatientData();
        foreach (var who in W.Everyone)
        {
            using var response = await W.ClientOf(who).GetAsync($"/api/recordings/summaries?patientId={W.Owner.Id}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode == expected[who], $"{who}: expected {expected[who]}, got {(int)response.StatusCode} {body}");
            Assert.Equal(who is Who.Owner or Who.DoctorWithGrant, body.Contains(W.RecordingName));
        }
    }

    [ProviderFact]
    public async Task Summaries_carry_each_analysis_and_the_disclaimer()
    {
        await W.WaitForAnalysisAsync(W.Recording);
        var answer = await (await W.Owner.Client.GetAsync("/api/recordings/summaries")).JsonAsync();
        Assert.Contains("not a certified medical device", answer.Str("disclaimer"));
        var row = answer.GetProperty("recordings").EnumerateArray().Single(r => r.GetProperty("recording").Id() == W.Recording);
        Assert.Equal("Succeeded", row.GetProperty("job").Str("state"));
        Assert.True(row.GetProperty("summary").GetProperty("beats").GetProperty("detected").GetInt32() > 30);
        var dates = answer.GetProperty("recordings").EnumerateArray().Select(r => r.GetProperty("recording").GetProperty("recordedAt").GetDateTime()).ToList();
        Assert.Equal(dates.OrderDescending(), dates);
    }

    [ProviderFact]
    public async Task Reading_summaries_as_a_doctor_is_audited_once()
    {
        var doctor = W.Actors[Who.DoctorWithGrant];
        (await doctor.Client.GetAsync($"/api/recordings/summaries?patientId={W.Owner.Id}")).EnsureSuccessStatusCode();
        (await doctor.Client.GetAsync($"/api/recordings/summaries?patientId={W.Owner.Id}")).EnsureSuccessStatusCode();
        Assert.Equal(1, await Reads(doctor));
    }

    [ProviderFact]
    public async Task Pages_are_the_app_shell_with_a_content_security_policy()
    {
        foreach (var path in new[] { "/", "/signin", "/sharing", $"/recordings/{W.Recording}", $"/doctor/patients/{W.Owner.Id}", "/admin", "/monitoring", "/paramedic", "/datasets", "/verification" })
        {
            using var response = await W.Anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("/js/app.js", html);
            Assert.Contains("not a certified", html);
        }
    }

    [ProviderFact]
    public async Task Static_files_are_served_and_unknown_paths_stay_not_found()
    {
        foreach (var (path, type) in new[] { ("/js/app.js", "text/javascript"), ("/sw.js", "text/javascript"), ("/css/app.css", "text/css"),
                     ("/manifest.webmanifest", "application/manifest+json"), ("/icons/icon-192.png", "image/png") })
        {
            using var response = await W.Anonymous.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await W.Anonymous.GetAsync("/no-such-page")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await W.Anonymous.GetAsync("/recordings/not-a-guid")).StatusCode);
    }

    [ProviderFact]
    public async Task Windows_carry_only_the_annotation_sets_asked_for()
    {
        async Task<string[]> Sets(string query) =>
            (await (await W.Owner.Client.GetAsync($"/api/recordings/{W.Recording}/window?from=0&to=20&points=500{query}")).JsonAsync())
            .GetProperty("annotations").EnumerateObject().Select(p => p.Name).Order().ToArray();
        await W.WaitForAnalysisAsync(W.Recording);
        Assert.Equal(["analysis", "atr"], await Sets(""));
        Assert.Equal(["atr"], await Sets("&annotations=atr"));
        Assert.Empty(await Sets("&annotations=none"));
    }

    private Task<int> Reads(Actor doctor)
    {
        var since = DateTime.UtcNow - Einthoven.Server.Audit.AuditThrottle.Span;
        return W.Host.DbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            db.AuditEntries, a => a.ActorId == doctor.Id && a.Action == "recordings.list" && a.At > since));
    }
}

[Collection("sqlite")]
public sealed class SqliteWebUiTests(SqliteFixture fixture) : WebUiTests(fixture);

[Collection("postgres"), UsesPostgres]
public sealed class PostgresWebUiTests(PostgresFixture fixture) : WebUiTests(fixture);
