using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Einthoven.Server.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using static Einthoven.Server.Tests.Hosting.VerificationSetup;

namespace Einthoven.Server.Tests;

/// <summary>
/// The verification queue (issue 25): a patient pushes a recording, the cardiologists it is routed to (by assignment
/// or organisation) confirm, relabel, add and delete beats in batches that are saved at once, sign off, and the sets'
/// disagreements are listed. Denials are in <see cref="VerificationDenialTests"/>.
/// </summary>
public abstract class VerificationTests(ServerFixture fixture)
{
    private World W => fixture.World;
    private HttpClient Admin => W.Actors[Who.Admin].Client;

    [ProviderFact]
    public async Task A_pushed_recording_reaches_the_assigned_cardiologist_who_verifies_it_and_signs_off()
    {
        var (patient, recording) = await PatientWithRecordingAsync(W, "happy");
        var cardiologist = await AssignedCardiologistAsync(W, patient.Id, "happy");
        var again = await (await Admin.PostJsonAsync("/api/admin/verification/assignments", new { cardiologistId = cardiologist.Id, patientId = patient.Id })).JsonAsync(HttpStatusCode.Conflict);
        Assert.Contains("already assigned", again.Str("detail"));
        var listed = (await (await Admin.GetAsync($"/api/admin/verification/assignments?patientId={patient.Id}")).JsonAsync()).EnumerateArray().Single();
        Assert.Equal((cardiologist.Id, cardiologist.Email, patient.Email), (listed.GetProperty("cardiologistId").GetGuid(), listed.Str("cardiologistEmail"), listed.Str("patientEmail")));

        var pushed = await (await patient.Client.PostAsync($"/api/recordings/{recording}/verification", null)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(("Open", 1), (pushed.Str("status"), pushed.GetProperty("cardiologists").GetInt32()));
        var twice = await (await patient.Client.PostJsonAsync($"/api/recordings/{recording}/verification", new { })).JsonAsync(HttpStatusCode.Conflict);
        Assert.Contains("already waiting", twice.Str("detail"));

        var item = (await (await cardiologist.Client.GetAsync("/api/verification/queue")).JsonAsync()).EnumerateArray().Single();
        Assert.Equal((pushed.Id(), recording, "verify-happy", "assigned"), (item.GetProperty("requestId").GetGuid(), item.GetProperty("recordingId").GetGuid(), item.Str("recordingName"), item.Str("route")));
        Assert.Equal(JsonValueKind.Null, item.GetProperty("mine").ValueKind);

        var (set, beats) = await StartAsync(cardiologist.Client, pushed.Id());
        Assert.Equal(item.GetProperty("aiBeats").GetInt32(), beats.Length);
        Assert.All(beats, b => Assert.Equal((b.Str("ai"), false), (b.Str("label"), b.GetProperty("reviewed").GetBoolean())));
        var restarted = await (await cardiologist.Client.PostJsonAsync($"/api/verification/requests/{pushed.Id()}/sets", new { })).JsonAsync();
        Assert.Equal(set, restarted.GetProperty("set").Id());

        // Relabel two beats, confirm the first ten seconds, delete one beat, add one in a long gap: saved at once.
        var samples = beats.Select(b => b.GetProperty("sample").GetInt64()).ToArray();
        var gap = Enumerable.Range(1, samples.Length - 1).MaxBy(i => samples[i] - samples[i - 1]);
        var added = (samples[gap] + samples[gap - 1]) / 2;
        var edit = await (await EditAsync(cardiologist.Client, set,
            new { op = "relabel", label = "V", samples = new[] { samples[1], samples[2] } },
            new { op = "confirm", from = 0.0, to = 10.0 },
            new { op = "delete", samples = new[] { samples[^1] } },
            new { op = "add", sample = added, label = "S" })).JsonAsync();
        var inFirstTen = beats.Count(b => b.GetProperty("time").GetDouble() <= 10);
        Assert.Equal(2 + inFirstTen + 1 + 1, edit.GetProperty("changed").GetInt32());

        var reloaded = await BeatsAsync(cardiologist.Client, set);
        Assert.Equal(beats.Length, reloaded.Length);
        Assert.Equal("V", reloaded.Single(b => b.GetProperty("sample").GetInt64() == samples[1]).Str("label"));
        var extra = reloaded.Single(b => b.GetProperty("sample").GetInt64() == added);
        Assert.Equal(("S", JsonValueKind.Null, true), (extra.Str("label"), extra.GetProperty("ai").ValueKind, extra.GetProperty("reviewed").GetBoolean()));
        Assert.DoesNotContain(reloaded, b => b.GetProperty("sample").GetInt64() == samples[^1]);
        var reviewed = reloaded.Count(b => b.GetProperty("reviewed").GetBoolean());
        Assert.Equal(inFirstTen + 1, reviewed); // the relabelled beats lie in the first ten seconds

        // The patient sees the request and the set with its author, model and progress.
        var overview = await (await patient.Client.GetAsync($"/api/recordings/{recording}/verification")).JsonAsync();
        var seen = overview.GetProperty("sets").EnumerateArray().Single();
        Assert.Equal((set, "Cardiologist", reviewed), (seen.Id(), seen.Str("cardiologistName"), seen.GetProperty("reviewedCount").GetInt32()));
        Assert.StartsWith("einthoven-signal/", seen.Str("aiModel"));
        Assert.Equal(Math.Round((double)reviewed / reloaded.Length, 4), seen.GetProperty("progress").GetDouble());

        var early = await (await cardiologist.Client.PostJsonAsync($"/api/verification/sets/{set}/complete", new { })).JsonAsync(HttpStatusCode.Conflict);
        Assert.Contains($"{reloaded.Length - reviewed} beats are not reviewed", early.Str("detail"));
        var done = await (await cardiologist.Client.PostJsonAsync($"/api/verification/sets/{set}/complete", new { confirmRemaining = true })).JsonAsync();
        Assert.Equal((reloaded.Length, 1.0), (done.GetProperty("reviewedCount").GetInt32(), done.GetProperty("progress").GetDouble()));
        Assert.NotEqual(JsonValueKind.Null, done.GetProperty("completedAt").ValueKind);
        await (await EditAsync(cardiologist.Client, set, new { op = "confirm", samples = new[] { samples[0] } })).JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal("Completed", (await (await patient.Client.GetAsync($"/api/recordings/{recording}/verification")).JsonAsync()).GetProperty("requests")[0].Str("status"));
        Assert.Empty((await (await cardiologist.Client.GetAsync("/api/verification/queue")).JsonAsync()).EnumerateArray());
        Assert.Single((await (await cardiologist.Client.GetAsync("/api/verification/queue?state=all")).JsonAsync()).EnumerateArray());

        var audited = await W.Host.DbAsync(db => db.AuditEntries.Where(a => a.ActorId == cardiologist.Id && a.PatientId == patient.Id)
            .Select(a => a.Action).Distinct().ToListAsync());
        Assert.Equal(["verification.complete", "verification.edit", "verification.queue", "verification.set", "verification.start"], audited.Order());

        // The patient may still delete the recording: its requests and sets go with it.
        await (await patient.Client.DeleteAsync($"/api/recordings/{recording}")).JsonAsync(HttpStatusCode.NoContent);
        Assert.Equal(0, await W.Host.DbAsync(db => db.BeatVerifications.CountAsync(v => v.RecordingId == recording)));
    }

    [ProviderFact]
    public async Task Edits_select_beats_by_samples_time_range_and_cluster_and_a_refused_batch_changes_nothing()
    {
        var (patient, recording) = await PatientWithRecordingAsync(W, "select");
        var cardiologist = await AssignedCardiologistAsync(W, patient.Id, "select");
        var (set, beats) = await StartAsync(cardiologist.Client, await PushAsync(patient.Client, recording));
        var cluster = beats.GroupBy(b => b.Str("ai")).MaxBy(g => g.Count())!.Key;

        var byCluster = await (await EditAsync(cardiologist.Client, set, new { op = "relabel", label = "Q", cluster })).JsonAsync();
        Assert.Equal(beats.Count(b => b.Str("ai") == cluster), byCluster.GetProperty("changed").GetInt32());
        var range = await (await EditAsync(cardiologist.Client, set, new { op = "relabel", label = "F", from = 5.5, to = 12.25 })).JsonAsync();
        var inRange = beats.Where(b => b.GetProperty("time").GetDouble() is >= 5.5 and <= 12.25).ToList();
        Assert.Equal(inRange.Count, range.GetProperty("changed").GetInt32());
        var after = await BeatsAsync(patient.Client, set);
        Assert.All(after, b => Assert.Equal(inRange.Any(r => r.GetProperty("sample").GetInt64() == b.GetProperty("sample").GetInt64()) ? "F"
            : b.Str("ai") == cluster ? "Q" : b.Str("ai"), b.Str("label")));

        var (first, second) = (beats[0].GetProperty("sample").GetInt64(), beats[1].GetProperty("sample").GetInt64());
        foreach (var (operation, field, words) in new (object, string, string)[]
                 {
                     (new { op = "move", samples = new[] { first } }, "operations[1].op", "op must be confirm, relabel, add or delete"),
                     (new { op = "relabel", label = "X", samples = new[] { first } }, "operations[1].label", "N, S, V, F or Q"),
                     (new { op = "confirm", samples = new[] { first + 1 } }, "operations[1].samples", $"no beat at sample {first + 1}"),
                     (new { op = "add", sample = second + 10, label = "N" }, "operations[1].sample", "within 150 ms"),
                     (new { op = "confirm", samples = new[] { first }, cluster = "N" }, "operations[1]", "exactly one of"),
                     (new { op = "delete", from = 3.0, to = 1.0 }, "operations[1].from", "0 <= from <= to"),
                 })
        {
            var refused = await (await EditAsync(cardiologist.Client, set, new { op = "delete", samples = new[] { first } }, operation)).JsonAsync(HttpStatusCode.BadRequest);
            Assert.Equal(field, refused.Str("field"));
            Assert.Contains(words, refused.Str("detail"));
        }
        var tooMany = Enumerable.Repeat<object>(new { op = "confirm", samples = new[] { first } }, 201).ToArray();
        await (await EditAsync(cardiologist.Client, set, tooMany)).JsonAsync(HttpStatusCode.RequestEntityTooLarge);
        await (await EditAsync(cardiologist.Client, set)).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(after.Length, (await BeatsAsync(cardiologist.Client, set)).Length); // the first, valid delete of each refused batch was not saved
    }

    [ProviderFact]
    public async Task Requests_pushed_to_an_organisation_reach_its_cardiologists_while_the_patient_is_enrolled()
    {
        var (patient, recording) = await PatientWithRecordingAsync(W, "org");
        var org = (await (await Admin.PostJsonAsync("/api/admin/organisations", new { name = "Cardiology Tashkent" })).JsonAsync(HttpStatusCode.Created)).Id();
        var other = (await (await Admin.PostJsonAsync("/api/admin/organisations", new { name = "Elsewhere" })).JsonAsync(HttpStatusCode.Created)).Id();
        var cardiologist = await AccountAsync(W.Host, Accounts.Roles.Cardiologist, "org");
        await (await Admin.PostJsonAsync($"/api/admin/organisations/{org}/members", new { userId = cardiologist.Id })).JsonAsync();
        await (await patient.Client.PutAsJsonAsync("/api/monitoring/enrolment", new { organisationId = org, homeLatitude = 41.3, homeLongitude = 69.2 }, Hosting.Api.Json)).JsonAsync();

        var refused = await (await patient.Client.PostJsonAsync($"/api/recordings/{recording}/verification", new { organisationId = other })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("organisationId", refused.Str("field"));
        Assert.Empty((await (await cardiologist.Client.GetAsync("/api/verification/queue")).JsonAsync()).EnumerateArray());
        var request = await PushAsync(patient.Client, recording, org);
        var item = (await (await cardiologist.Client.GetAsync("/api/verification/queue")).JsonAsync()).EnumerateArray().Single();
        Assert.Equal((request, "organisation", "Cardiology Tashkent"), (item.GetProperty("requestId").GetGuid(), item.Str("route"), item.Str("organisationName")));
        var (set, _) = await StartAsync(cardiologist.Client, request);
        Assert.Equal(HttpStatusCode.OK, (await cardiologist.Client.GetAsync($"/api/recordings/{recording}/window?from=0&to=5&points=100")).StatusCode);

        await (await patient.Client.DeleteAsync("/api/monitoring/enrolment")).JsonAsync(HttpStatusCode.NoContent);
        Assert.Empty((await (await cardiologist.Client.GetAsync("/api/verification/queue")).JsonAsync()).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await cardiologist.Client.GetAsync($"/api/recordings/{recording}/window?from=0&to=5&points=100")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await EditAsync(cardiologist.Client, set, new { op = "confirm", from = 0, to = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await cardiologist.Client.PostJsonAsync($"/api/verification/requests/{request}/sets", new { })).StatusCode);
    }

    [ProviderFact]
    public async Task Two_cardiologists_verify_one_recording_and_see_where_they_disagree()
    {
        var (patient, recording) = await PatientWithRecordingAsync(W, "two");
        var (a, b) = (await AssignedCardiologistAsync(W, patient.Id, "two-a"), await AssignedCardiologistAsync(W, patient.Id, "two-b"));
        var request = await PushAsync(patient.Client, recording);
        var (setA, beats) = await StartAsync(a.Client, request);
        var (setB, _) = await StartAsync(b.Client, request);
        var s = beats.Select(x => x.GetProperty("sample").GetInt64()).ToArray();
        var label = beats[3].Str("ai") == "V" ? "N" : "V";
        await (await EditAsync(a.Client, setA, new { op = "relabel", label, samples = new[] { s[3] } }, new { op = "confirm", cluster = "N" })).JsonAsync();
        await (await EditAsync(b.Client, setB, new { op = "delete", samples = new[] { s[5] } }, new { op = "delete", samples = new[] { s[8] } },
            new { op = "add", sample = s[8] + 20, label = "V" })).JsonAsync();
        await (await a.Client.PostJsonAsync($"/api/verification/sets/{setA}/complete", new { confirmRemaining = true })).JsonAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await EditAsync(b.Client, setA, new { op = "confirm", from = 0, to = 1 })).StatusCode);

        var found = await (await patient.Client.GetAsync($"/api/recordings/{recording}/verification/disagreements")).JsonAsync();
        Assert.Equal([setA, setB], found.GetProperty("sets").EnumerateArray().Select(x => x.Id()));
        var items = found.GetProperty("items").EnumerateArray().Select(d => (d.GetProperty("sampleA").ValueKind == JsonValueKind.Null ? (long?)null : d.GetProperty("sampleA").GetInt64(),
            d.GetProperty("labelA").GetString(), d.GetProperty("sampleB").ValueKind == JsonValueKind.Null ? (long?)null : d.GetProperty("sampleB").GetInt64(), d.GetProperty("labelB").GetString())).ToList();
        // s[8] in B moved by 20 samples and relabelled V: matched within 150 ms, so a label disagreement unless A's label is V too.
        List<(long?, string?, long?, string?)> expected = [(s[3], label, s[3], beats[3].Str("ai")), (s[5], beats[5].Str("ai"), null, null)];
        if (beats[8].Str("ai") != "V") expected.Add((s[8], beats[8].Str("ai"), s[8] + 20, "V"));
        Assert.Equal(expected, items);
        Assert.Equal(items.Count, found.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await b.Client.GetAsync($"/api/verification/sets/{setA}")).StatusCode);
    }
}

[Collection("sqlite")]
public sealed class SqliteVerificationTests(SqliteFixture fixture) : VerificationTests(fixture);

[Collection("postgres"), UsesPostgres]
public sealed class PostgresVerificationTests(PostgresFixture fixture) : VerificationTests(fixture);
