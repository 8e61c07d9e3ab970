using System.Net;
using Einthoven.Server.Accounts;
using Einthoven.Server.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using static Einthoven.Server.Tests.Hosting.VerificationSetup;

namespace Einthoven.Server.Tests;

/// <summary>
/// Only the cardiologists a request is routed to verify it: a cardiologist of another patient, another patient, a
/// doctor without a grant, a researcher, an admin and an anonymous caller are refused, and learn nothing of the
/// recording; a cardiologist an admin unassigns loses it all. A doctor with a live grant may push the patient's recording.
/// </summary>
public abstract class VerificationDenialTests(ServerFixture fixture)
{
    private World W => fixture.World;

    [ProviderFact]
    public async Task Only_the_routed_cardiologists_verify_and_only_readers_of_the_recording_see_its_sets()
    {
        var (patient, recording) = await PatientWithRecordingAsync(W, "deny");
        var assigned = await AssignedCardiologistAsync(W, patient.Id, "deny");
        var stranger = await AccountAsync(W.Host, Roles.Cardiologist, "stranger");
        var researcher = await AccountAsync(W.Host, Roles.Researcher, "deny");
        var request = await PushAsync(patient.Client, recording);
        var (set, beats) = await StartAsync(assigned.Client, request);
        var edit = new { operations = new[] { new { op = "confirm", samples = new[] { beats[0].GetProperty("sample").GetInt64() } } } };

        var outsiders = new (string Who, HttpClient Client, int Push, int Read, int Queue, int Start, int Edit)[]
        {
            ("anonymous", W.Anonymous, 401, 401, 401, 401, 401),
            ("a cardiologist of other patients", stranger.Client, 404, 404, 200, 403, 404),
            ("another patient", W.Actors[Who.OtherPatient].Client, 404, 404, 403, 403, 403),
            ("a doctor without a grant", W.Actors[Who.DoctorWithoutGrant].Client, 404, 404, 403, 403, 403),
            ("a researcher", researcher.Client, 404, 404, 403, 403, 403),
            ("an admin", W.Actors[Who.Admin].Client, 404, 404, 403, 403, 403),
        };
        var failures = new List<string>();
        foreach (var (who, client, push, read, queue, start, change) in outsiders)
        {
            foreach (var (what, expected, send) in new (string, int, Func<Task<HttpResponseMessage>>)[]
                     {
                         ("push", push, () => client.PostJsonAsync($"/api/recordings/{recording}/verification", new { })),
                         ("read the requests", read, () => client.GetAsync($"/api/recordings/{recording}/verification")),
                         ("read the disagreements", read, () => client.GetAsync($"/api/recordings/{recording}/verification/disagreements")),
                         ("read the set", read, () => client.GetAsync($"/api/verification/sets/{set}")),
                         ("read the signal", read, () => client.GetAsync($"/api/recordings/{recording}/window?from=0&to=5&points=100")),
                         ("list the queue", queue, () => client.GetAsync("/api/verification/queue")),
                         ("start a set", start, () => client.PostJsonAsync($"/api/verification/requests/{request}/sets", new { })),
                         ("edit the set", change, () => client.PostJsonAsync($"/api/verification/sets/{set}/edits", edit)),
                         ("sign the set off", change, () => client.PostJsonAsync($"/api/verification/sets/{set}/complete", new { confirmRemaining = true })),
                     })
            {
                using var answer = await send();
                var body = await answer.Content.ReadAsStringAsync();
                if ((int)answer.StatusCode != expected) failures.Add($"{who} may not {what}: expected {expected}, got {(int)answer.StatusCode} {body}");
                if (body.Contains("verify-deny")) failures.Add($"{who}: the answer to '{what}' names the recording: {body}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Empty((await (await stranger.Client.GetAsync("/api/verification/queue")).JsonAsync()).EnumerateArray());
        Assert.Equal(0, (await BeatsAsync(assigned.Client, set)).Count(b => b.GetProperty("reviewed").GetBoolean()));
        Assert.Equal(HttpStatusCode.Forbidden, (await assigned.Client.PostJsonAsync($"/api/recordings/{recording}/verification", new { })).StatusCode);

        // Unassigned, the cardiologist loses the queue item, the recording and the set.
        var admin = W.Actors[Who.Admin].Client;
        var assignment = (await (await admin.GetAsync($"/api/admin/verification/assignments?cardiologistId={assigned.Id}")).JsonAsync()).EnumerateArray().Single().Id();
        await (await admin.DeleteAsync($"/api/admin/verification/assignments/{assignment}")).JsonAsync(HttpStatusCode.NoContent);
        Assert.Empty((await (await assigned.Client.GetAsync("/api/verification/queue")).JsonAsync()).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await assigned.Client.GetAsync($"/api/verification/sets/{set}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await assigned.Client.PostJsonAsync($"/api/verification/sets/{set}/edits", edit)).StatusCode);
    }

    [ProviderFact]
    public async Task A_doctor_with_a_grant_pushes_the_recording_and_the_push_is_audited()
    {
        var owner = W.Owner;
        var recording = await W.UploadAsync(owner, "doctor-push", seed: 12, seconds: 10);
        var doctor = W.Actors[Who.DoctorWithGrant];
        var pushed = await (await doctor.Client.PostJsonAsync($"/api/recordings/{recording}/verification", new { })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal((doctor.Id, "DoctorWithGrant"), (pushed.GetProperty("requestedBy").GetGuid(), pushed.Str("requestedByName")));
        foreach (var who in new[] { Who.DoctorRevoked, Who.DoctorExpired })
            Assert.Equal(HttpStatusCode.NotFound, (await W.Actors[who].Client.GetAsync($"/api/recordings/{recording}/verification")).StatusCode);
        Assert.True(await W.Host.DbAsync(db => db.AuditEntries.AnyAsync(a => a.ActorId == doctor.Id && a.Action == "verification.push" && a.RecordingId == recording)));
        await (await owner.Client.DeleteAsync($"/api/recordings/{recording}")).JsonAsync(HttpStatusCode.NoContent);
    }
}

[Collection("sqlite")]
public sealed class SqliteVerificationDenialTests(SqliteFixture fixture) : VerificationDenialTests(fixture);

[Collection("postgres"), UsesPostgres]
public sealed class PostgresVerificationDenialTests(PostgresFixture fixture) : VerificationDenialTests(fixture);
