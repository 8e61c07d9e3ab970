using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Einthoven.Server.Tests.Hosting;

namespace Einthoven.Server.Tests;

/// <summary>
/// Every endpoint against every kind of caller: the exact status code, and no trace of the owner's recording in any
/// answer to someone who may not read it.
/// </summary>
public abstract partial class AuthorizationMatrixTests(ServerFixture fixture)
{
    private World W => fixture.World;

    [ProviderFact]
    [Covers("GET /api/me")]
    public Task Me() => Check(HttpMethod.Get, _ => "/api/me", Matrix.AnyUser(), (who, body) =>
    {
        if (who != Who.Anonymous) Assert.Contains(W.Actors[who].Email, body);
    });

    [ProviderFact]
    [Covers("GET /api/recordings")]
    public Task Own_recording_list() => Check(HttpMethod.Get, _ => "/api/recordings", Matrix.AnyUser(), (who, body) =>
    {
        if (who == Who.Owner) Assert.Contains(W.RecordingName, body);
        if (who == Who.OtherPatient) Assert.Contains("other-recording", body);
    });

    [ProviderFact]
    public Task Patient_recording_list() => Check(HttpMethod.Get, _ => $"/api/recordings?patientId={W.Owner.Id}", Matrix.PatientData(), (who, body) =>
    {
        if (who is Who.Owner or Who.DoctorWithGrant) Assert.Contains(W.RecordingName, body);
    });

    [ProviderFact]
    [Covers("GET /api/recordings/{id:guid}")]
    public Task Recording_details() => Check(HttpMethod.Get, _ => $"/api/recordings/{W.Recording}", Matrix.PatientData(), (who, body) =>
    {
        if (who is Who.Owner or Who.DoctorWithGrant) Assert.Contains("\"leads\"", body);
    });

    [ProviderFact]
    [Covers("GET /api/recordings/{id:guid}/window")]
    public Task Viewer_window() => Check(HttpMethod.Get, _ => $"/api/recordings/{W.Recording}/window?from=0&to=10&points=500", Matrix.PatientData(), (who, body) =>
    {
        if (who is Who.Owner or Who.DoctorWithGrant) Assert.Contains("\"min\"", body);
    });

    [ProviderFact]
    [Covers("GET /api/recordings/{id:guid}/analysis")]
    public Task Analysis_results() => Check(HttpMethod.Get, _ => $"/api/recordings/{W.Recording}/analysis", Matrix.PatientData(), (who, body) =>
    {
        if (who is Who.Owner or Who.DoctorWithGrant) Assert.Contains("not a certified medical device", body);
    });

    [ProviderFact]
    [Covers("GET /api/recordings/{id:guid}/download")]
    public Task Download() => Check(HttpMethod.Get, _ => $"/api/recordings/{W.Recording}/download?format=edf", Matrix.PatientData());

    [ProviderFact]
    [Covers("POST /api/recordings/{id:guid}/analysis")]
    public Task Rerun_analysis() => Check(HttpMethod.Post, _ => $"/api/recordings/{W.Recording}/analysis", Matrix.OwnerOnly(202));

    [ProviderFact]
    [Covers("DELETE /api/recordings/{id:guid}")]
    public async Task Delete_recording()
    {
        var doomed = await W.UploadAsync(W.Owner, "doomed", seed: 9, seconds: 10);
        await Check(HttpMethod.Delete, _ => $"/api/recordings/{doomed}", Matrix.OwnerOnly(204));
        Assert.Equal(404, (int)(await W.Owner.Client.GetAsync($"/api/recordings/{doomed}")).StatusCode);
    }

    [ProviderFact]
    [Covers("POST /predict")]
    public Task Pacemaker_prediction() => Check(null, _ => "/predict", Matrix.AnyUser(), (who, body) => { if (who != Who.Anonymous) Assert.Contains("\"pacemaker\"", body); },
        send: (client, _) => client.SendAsync(PredictTests.SeedRequest(PredictTests.Metadata(age: 67))));

    [ProviderFact]
    [Covers("POST /api/recordings")]
    public async Task Upload()
    {
        var files = TestRecords.WfdbFiles(TestRecords.Synthetic("matrix-upload", seconds: 5, seed: 21));
        await Check(null, _ => "/api/recordings", Matrix.Patients(201), send: (client, _) => client.UploadAsync(files));
    }

    [ProviderFact]
    [Covers("GET /api/tokens")]
    public Task List_tokens() => Check(HttpMethod.Get, _ => "/api/tokens", Matrix.AnyUser(), (who, body) =>
    {
        if (who != Who.Anonymous) Assert.Contains(W.Actors[who].Token[..10], body);
        if (who != Who.Owner) Assert.DoesNotContain(W.Owner.Token[..10], body);
    });

    [ProviderFact]
    [Covers("POST /api/tokens")]
    public Task Create_token() => Check(HttpMethod.Post, _ => "/api/tokens", Matrix.AnyUser(201), body: new { name = "matrix" });

    [ProviderFact]
    [Covers("DELETE /api/tokens/{id:guid}")]
    public async Task Revoke_token()
    {
        var token = await (await W.Owner.Client.PostJsonAsync("/api/tokens", new { name = "to-revoke" })).JsonAsync(System.Net.HttpStatusCode.Created);
        await Check(HttpMethod.Delete, _ => $"/api/tokens/{token.Id()}", new Matrix(401, 204, 404, 404, 404, 404, 404, 404));
        Assert.Equal(401, (int)(await fixture.Host.Client(token.Str("token")).GetAsync("/api/me")).StatusCode);
    }

    [ProviderFact]
    [Covers("POST /api/access-keys")]
    public Task Create_access_key() => Check(HttpMethod.Post, _ => "/api/access-keys", Matrix.Patients(201), body: new { label = "matrix" });

    [ProviderFact]
    [Covers("GET /api/access-keys")]
    public Task List_access_keys() => Check(HttpMethod.Get, _ => "/api/access-keys", Matrix.Patients(), (who, body) =>
    {
        if (who == Who.Owner) Assert.Contains(W.OwnerKeyId.ToString(), body);
        else Assert.DoesNotContain(W.OwnerKeyId.ToString(), body);
    });

    [ProviderFact]
    [Covers("DELETE /api/access-keys/{id:guid}")]
    public async Task Revoke_access_key()
    {
        var key = await (await W.Owner.Client.PostJsonAsync("/api/access-keys", new { label = "to-revoke" })).JsonAsync(System.Net.HttpStatusCode.Created);
        await Check(HttpMethod.Delete, _ => $"/api/access-keys/{key.Id()}", new Matrix(401, 204, 404, 403, 403, 403, 403, 403));
    }

    [ProviderFact]
    [Covers("POST /api/grants")]
    public Task Claim_grant_with_a_wrong_key() =>
        Check(HttpMethod.Post, _ => "/api/grants", Matrix.Doctors(400), body: new { patientEmail = W.Owner.Email, key = "AAAA-BBBB-CCCC-DDDD-EEEE" });

    [ProviderFact]
    [Covers("GET /api/grants")]
    public Task List_grants() => Check(HttpMethod.Get, _ => "/api/grants", new Matrix(401, 200, 200, 200, 200, 200, 200, 403), (who, body) =>
    {
        var granted = W.Grants[Who.DoctorWithGrant].ToString();
        if (who is Who.Owner or Who.DoctorWithGrant) Assert.Contains(granted, body);
        else Assert.DoesNotContain(granted, body);
    });

    [ProviderFact]
    [Covers("DELETE /api/grants/{id:guid}")]
    public Task Revoke_grant() => Check(HttpMethod.Delete, _ => $"/api/grants/{W.SpareGrant}", new Matrix(401, 204, 404, 403, 403, 403, 403, 403));

    [ProviderFact]
    [Covers("GET /api/doctor/patients")]
    public Task Doctor_patient_list() => Check(HttpMethod.Get, _ => "/api/doctor/patients", Matrix.Doctors(), (who, body) =>
    {
        if (who == Who.DoctorWithGrant) Assert.Contains(W.Owner.Email, body);
        else Assert.DoesNotContain(W.Owner.Email, body);
    });

    [ProviderFact]
    [Covers("GET /api/audit")]
    public Task Patient_audit_log() => Check(HttpMethod.Get, _ => "/api/audit", Matrix.Patients(), (who, body) =>
    {
        var granted = W.Actors[Who.DoctorWithGrant].Email;
        if (who == Who.Owner) Assert.Contains(granted, body);
        else Assert.DoesNotContain(granted, body);
    });

    [ProviderFact]
    [Covers("GET /api/admin/audit")]
    public Task Admin_audit_log() => Check(HttpMethod.Get, _ => "/api/admin/audit", Matrix.Admins());

    [ProviderFact]
    [Covers("GET /api/admin/audit")]
    public Task Admin_audit_log_filtered() =>
        Check(HttpMethod.Get, _ => $"/api/admin/audit?patient={W.Owner.Id}&recording={W.Recording}&from=2020-01-01T00:00:00Z&pageSize=50", Matrix.Admins());

    [ProviderFact]
    [Covers("GET /api/admin/storage")]
    public Task Admin_storage() => Check(HttpMethod.Get, _ => "/api/admin/storage", Matrix.Admins(), (who, body) =>
    {
        if (who == Who.Admin) Assert.Contains(W.Owner.Email, body);
    });

    [ProviderFact]
    [Covers("GET /api/admin/jobs")]
    public Task Admin_jobs() => Check(HttpMethod.Get, _ => "/api/admin/jobs", Matrix.Admins(), (who, body) =>
    {
        if (who == Who.Admin) Assert.Contains("\"Succeeded\"", body);
    });

    [ProviderFact]
    [Covers("POST /api/admin/jobs/{id:guid}/retry")]
    public async Task Admin_retry_job()
    {
        var job = await fixture.Host.DbAsync(db => db.AnalysisJobs.Where(j => j.RecordingId == W.Recording).Select(j => j.Id).FirstAsync());
        // The owner's job succeeded: the admin is told it is not a failed job; everyone else may not ask.
        await Check(HttpMethod.Post, _ => $"/api/admin/jobs/{job}/retry", Matrix.Admins() with { Admin = 409 });
    }

    [ProviderFact]
    [Covers("GET /api/admin/health")]
    public Task Admin_health() => Check(HttpMethod.Get, _ => "/api/admin/health", Matrix.Admins(), (who, body) =>
    {
        if (who == Who.Admin) Assert.Contains("\"reachable\":true", body);
    });

    [ProviderFact]
    [Covers("GET /api/admin/users")]
    public Task Admin_user_list() => Check(HttpMethod.Get, _ => "/api/admin/users", Matrix.Admins(), (who, body) =>
    {
        if (who == Who.Admin) Assert.Contains(W.Owner.Email, body);
    });

    [ProviderFact]
    [Covers("POST /api/admin/users/{id:guid}/roles")]
    public Task Admin_add_role() =>
        Check(HttpMethod.Post, _ => $"/api/admin/users/{W.Actors[Who.OtherPatient].Id}/roles", Matrix.Admins(), body: new { role = "Patient" });

    [ProviderFact]
    [Covers("DELETE /api/admin/users/{id:guid}/roles/{role}")]
    public Task Admin_remove_role() =>
        Check(HttpMethod.Delete, _ => $"/api/admin/users/{W.Actors[Who.OtherPatient].Id}/roles/Admin", Matrix.Admins());

    [ProviderFact]
    [Covers("POST /api/admin/users/{id:guid}/unlock")]
    public Task Admin_unlock() => Check(HttpMethod.Post, _ => $"/api/admin/users/{W.Actors[Who.OtherPatient].Id}/unlock", Matrix.Admins(204));

    [ProviderFact]
    [Covers("POST /api/auth/password")]
    public Task Change_password() => Check(null, _ => "/api/auth/password", Matrix.AnyUser(204), send: (client, who) =>
        client.PostJsonAsync("/api/auth/password", who == Who.Anonymous
            ? new { currentPassword = "whatever-123", newPassword = "whatever-456" }
            : new { currentPassword = W.Actors[who].Password, newPassword = W.Actors[who].Password }));

    [ProviderFact]
    [Covers("POST /api/auth/logout")]
    public Task Logout() => Check(HttpMethod.Post, _ => "/api/auth/logout", Matrix.AnyUser(204));

    [ProviderFact]
    [Covers("GET /health")]
    public Task Public_endpoints_answer_everyone() =>
        Check(HttpMethod.Get, _ => "/health", new Matrix(200, 200, 200, 200, 200, 200, 200, 200));

    [ProviderFact]
    [Covers("GET /api/analysis/beat-classes")]
    public Task Beat_classes_are_public_reference_data() =>
        Check(HttpMethod.Get, _ => "/api/analysis/beat-classes", new Matrix(200, 200, 200, 200, 200, 200, 200, 200), (_, body) =>
            Assert.Contains("\"symbols\":[\"V\",\"E\",\"r\"]", body));

    [ProviderFact]
    [Covers("GET /api/recordings/summaries")]
    public Task Recording_summaries() => Check(HttpMethod.Get, _ => "/api/recordings/summaries", Matrix.AnyUser(), (who, body) =>
    {
        if (who == Who.Owner) Assert.Contains(W.RecordingName, body);
    });

    [ProviderFact]
    [Covers("GET /api/session")]
    public Task Session() => Check(HttpMethod.Get, _ => "/api/session", new Matrix(200, 200, 200, 200, 200, 200, 200, 200), (who, body) =>
    {
        if (who == Who.Anonymous) Assert.Contains("\"signedIn\":false", body);
        else Assert.Contains(W.Actors[who].Email, body);
    });

    [ProviderFact]
    [Covers("POST /api/auth/login")]
    [Covers("POST /api/auth/token")]
    public async Task Sign_in_with_a_wrong_password_is_refused_to_everyone()
    {
        // A fresh unknown e-mail per call: a real account, or one e-mail tried 16 times, would be locked out.
        object Wrong() => new { email = $"nobody-{Guid.NewGuid():N}@test.local", password = "not-the-password-1" };
        await Check(null, _ => "/api/auth/login", new Matrix(401, 401, 401, 401, 401, 401, 401, 401), send: (client, _) => client.PostJsonAsync("/api/auth/login", Wrong()));
        await Check(null, _ => "/api/auth/token", new Matrix(401, 401, 401, 401, 401, 401, 401, 401), send: (client, _) => client.PostJsonAsync("/api/auth/token", Wrong()));
    }

    [ProviderFact]
    [Covers("POST /api/auth/register")]
    public Task Registration_with_a_weak_password_is_refused_to_everyone() =>
        Check(HttpMethod.Post, _ => "/api/auth/register", new Matrix(400, 400, 400, 400, 400, 400, 400, 400),
            body: new { email = $"matrix-{Guid.NewGuid():N}@test.local", password = "short" });

    [ProviderFact]
    [Covers("POST /api/devices")]
    public Task Register_a_monitoring_device() =>
        Check(HttpMethod.Post, _ => "/api/devices", Matrix.Patients(201), body: new { label = "matrix patch" }, verify: (who, body) =>
        {
            if (who is Who.Owner or Who.OtherPatient) Assert.Contains("etd_", body);
        });

    [ProviderFact]
    [Covers("GET /api/devices")]
    public Task Own_monitoring_devices() => Check(HttpMethod.Get, _ => "/api/devices", Matrix.Patients());

    [ProviderFact]
    [Covers("DELETE /api/devices/{id:guid}")]
    public async Task Revoke_a_monitoring_device()
    {
        var device = await (await W.Owner.Client.PostJsonAsync("/api/devices", new { label = "to revoke" })).JsonAsync(System.Net.HttpStatusCode.Created);
        await Check(HttpMethod.Delete, _ => $"/api/devices/{device.Id()}", new Matrix(401, 204, 404, 403, 403, 403, 403, 403));
    }

    [ProviderFact]
    [Covers("GET /api/live/ingest")]
    public Task The_device_socket_answers_a_plain_request_with_a_problem_whoever_asks() =>
        Check(HttpMethod.Get, _ => "/api/live/ingest", new Matrix(400, 400, 400, 400, 400, 400, 400, 400), (_, body) => Assert.Contains("WebSocket", body));

    [ProviderFact]
    [Covers("POST /api/admin/organisations")]
    public Task Create_an_organisation() =>
        Check(HttpMethod.Post, _ => "/api/admin/organisations", Matrix.Admins(201), body: new { name = "matrix care" });

    [ProviderFact]
    [Covers("POST /api/admin/organisations/{id:guid}/members")]
    public Task Add_staff_to_an_organisation() =>
        Check(HttpMethod.Post, _ => $"/api/admin/organisations/{Guid.NewGuid()}/members", Matrix.Admins(404), body: new { userId = W.Owner.Id });

    [ProviderFact]
    [Covers("GET /api/monitoring/my-alerts")]
    public Task Own_live_alerts() => Check(HttpMethod.Get, _ => "/api/monitoring/my-alerts", Matrix.Patients());

    [ProviderFact]
    [Covers("GET /api/monitoring/organisations")]
    public Task Organisations_to_enrol_with() => Check(HttpMethod.Get, _ => "/api/monitoring/organisations", Matrix.AnyUser());

    [ProviderFact]
    [Covers("GET /api/monitoring/enrolment")]
    [Covers("PUT /api/monitoring/enrolment")]
    [Covers("DELETE /api/monitoring/enrolment")]
    public async Task Own_enrolment_for_live_monitoring()
    {
        await Check(HttpMethod.Get, _ => "/api/monitoring/enrolment", Matrix.Patients(404));
        await Check(HttpMethod.Put, _ => "/api/monitoring/enrolment", Matrix.Patients(400), body: new { organisationId = Guid.NewGuid(), homeLatitude = 41.3, homeLongitude = 69.2 });
        await Check(HttpMethod.Delete, _ => "/api/monitoring/enrolment", Matrix.Patients(404));
    }

    [ProviderFact]
    [Covers("GET /api/classifiers")]
    public Task Classifier_choices() => Check(HttpMethod.Get, _ => "/api/classifiers", Matrix.AnyUser());

    [ProviderFact]
    [Covers("GET /i18n/{language}.json")]
    public Task Ui_texts() => Check(HttpMethod.Get, _ => "/i18n/ru.json", new Matrix(200, 200, 200, 200, 200, 200, 200, 200),
        (_, body) => Assert.Contains("\"common.language\"", body));

    [ProviderFact]
    [Covers("PUT /api/me/language")]
    public Task Choose_language() => Check(HttpMethod.Put, _ => "/api/me/language", Matrix.AnyUser(204), body: new { language = "en" });

    [ProviderFact]
    [Covers("POST /api/classify/12-lead")]
    public Task Twelve_lead_classification() => Check(null, _ => "/api/classify/12-lead", Matrix.AnyUser(),
        (who, body) => { if (who != Who.Anonymous) Assert.Contains("\"statements\"", body); },
        send: (client, _) => client.PostAsync("/api/classify/12-lead", ClassifyEndpointTests.PtbXlUpload(10)));

    [ProviderFact]
    [Covers("GET /api/admin/classifiers")]
    public Task Admin_classifier_list() => Check(HttpMethod.Get, _ => "/api/admin/classifiers", Matrix.Admins(), (who, body) =>
    {
        if (who == Who.Admin) Assert.Contains("\"maxModelBytes\"", body);
    });

    /// <summary>The admin's registration is refused for its manifest (the shared server keeps no ONNX model), after the role check.</summary>
    [ProviderFact]
    [Covers("POST /api/admin/classifiers/onnx")]
    [Covers("DELETE /api/admin/classifiers/onnx/{id}")]
    [Covers("PUT /api/admin/classifiers/analysis")]
    public async Task Onnx_classifier_registration_and_deletion()
    {
        await Check(HttpMethod.Put, _ => "/api/admin/classifiers/analysis", Matrix.Admins(404), body: new { id = "onnx-000000000000" });
        await Check(null, _ => "/api/admin/classifiers/onnx", Matrix.Admins(422),
            send: (client, _) => client.SendAsync(ClassifierRegistrationTests.Registration(ClassifierRegistrationTests.Model(), ClassifierRegistrationTests.Manifest(leads: 8))));
        await Check(HttpMethod.Delete, _ => "/api/admin/classifiers/onnx/onnx-000000000000", Matrix.Admins(404));
    }

    [ProviderFact]
    [Covers("GET /api/models/beats")]
    public Task Model_registry() => Check(HttpMethod.Get, _ => "/api/models/beats", Matrix.Admins(), (who, body) =>
    {
        if (who == Who.Admin) Assert.Contains("\"championVersion\":1", body);
    });

    /// <summary>The shared server keeps the shipped model: the admin is told it is the champion already, and that there is nothing to roll back to.</summary>
    [ProviderFact]
    [Covers("POST /api/models/beats/{version:int}/promote")]
    [Covers("POST /api/models/beats/rollback")]
    public async Task Model_promotion_and_rollback()
    {
        await Check(HttpMethod.Post, _ => "/api/models/beats/1/promote", Matrix.Admins() with { Admin = 409 }, body: new { reason = "matrix" });
        await Check(HttpMethod.Post, _ => "/api/models/beats/rollback", Matrix.Admins() with { Admin = 409 }, body: new { reason = "matrix" });
    }

    [ProviderFact]
    [Covers("GET /api/retraining/runs")]
    public Task Retraining_runs() => Check(HttpMethod.Get, _ => "/api/retraining/runs", Matrix.Admins());

    /// <summary>The shared server has no standard database configured: the admin's run starts (202) and fails saying so.</summary>
    [ProviderFact]
    [Covers("POST /api/retraining/runs")]
    public Task Start_a_retraining_run() => Check(HttpMethod.Post, _ => "/api/retraining/runs", Matrix.Admins(202));

    /// <summary>Researchers (DatasetVersionTests.Researchers_see_datasets_and_exports_only_and_nobody_else_sees_those) and admins see dataset versions; nobody of the matrix but the admin.</summary>
    [ProviderFact]
    [Covers("GET /api/datasets")]
    [Covers("POST /api/datasets")]
    [Covers("GET /api/datasets/{id}/export")]
    public async Task Dataset_versions_and_their_export()
    {
        var snapshot = await W.ClientOf(Who.Admin).PostAsync("/api/datasets", null);
        var id = (await snapshot.JsonAsync(snapshot.StatusCode == System.Net.HttpStatusCode.Created ? System.Net.HttpStatusCode.Created : System.Net.HttpStatusCode.OK)).Str("id");
        await Check(HttpMethod.Get, _ => "/api/datasets", Matrix.Admins(), (who, body) =>
        {
            if (who == Who.Admin) Assert.Contains(id, body);
        });
        await Check(HttpMethod.Post, _ => "/api/datasets", Matrix.Admins());
        await Check(HttpMethod.Get, _ => $"/api/datasets/{id}/export", Matrix.Admins());
    }

    /// <summary>
    /// The monitoring staff's endpoints refuse every caller of the matrix (none is monitoring staff); staff of another
    /// organisation, and paramedics, are refused in LiveMonitoringTests.
    /// </summary>
    [ProviderFact]
    [Covers("GET /api/monitoring/patients")]
    [Covers("GET /api/monitoring/patients/{id:guid}")]
    [Covers("PUT /api/monitoring/patients/{id:guid}/settings")]
    [Covers("GET /api/monitoring/alerts")]
    [Covers("GET /api/monitoring/alerts/{id:guid}")]
    [Covers("POST /api/monitoring/alerts/{id:guid}/acknowledge")]
    [Covers("POST /api/monitoring/alerts/{id:guid}/escalate")]
    [Covers("POST /api/monitoring/alerts/{id:guid}/resolve")]
    [Covers("GET /api/monitoring/alerts/{id:guid}/dispatch")]
    [Covers("POST /api/monitoring/alerts/{id:guid}/dispatch")]
    [Covers("POST /api/monitoring/teams")]
    [Covers("GET /api/monitoring/teams")]
    [Covers("PUT /api/monitoring/teams/{id:guid}/availability")]
    [Covers("GET /api/paramedic/dispatches")]
    [Covers("POST /api/paramedic/dispatches/{id:guid}/handover")]
    public async Task Monitoring_and_dispatch_are_for_staff_only()
    {
        var staffOnly = new Matrix(401, 403, 403, 403, 403, 403, 403, 403);
        var id = Guid.NewGuid();
        var note = new { note = "matrix" };
        foreach (var (method, url, body) in new (HttpMethod, string, object?)[]
                 {
                     (HttpMethod.Get, "/api/monitoring/patients", null), (HttpMethod.Get, $"/api/monitoring/patients/{W.Owner.Id}", null),
                     (HttpMethod.Put, $"/api/monitoring/patients/{W.Owner.Id}/settings", new { tachycardiaBpm = 120 }),
                     (HttpMethod.Get, "/api/monitoring/alerts", null), (HttpMethod.Get, $"/api/monitoring/alerts/{id}", null),
                     (HttpMethod.Post, $"/api/monitoring/alerts/{id}/acknowledge", note), (HttpMethod.Post, $"/api/monitoring/alerts/{id}/escalate", note),
                     (HttpMethod.Post, $"/api/monitoring/alerts/{id}/resolve", note), (HttpMethod.Get, $"/api/monitoring/alerts/{id}/dispatch", null),
                     (HttpMethod.Post, $"/api/monitoring/alerts/{id}/dispatch", new { teamId = id }),
                     (HttpMethod.Post, "/api/monitoring/teams", new { organisationId = id, name = "t", baseLatitude = 0, baseLongitude = 0 }),
                     (HttpMethod.Get, "/api/monitoring/teams", null), (HttpMethod.Put, $"/api/monitoring/teams/{id}/availability", new { availability = "Available" }),
                     (HttpMethod.Get, "/api/paramedic/dispatches", null), (HttpMethod.Post, $"/api/paramedic/dispatches/{id}/handover", note),
                 })
            await Check(method, _ => url, staffOnly, body: body);
    }

    private async Task Check(HttpMethod? method, Func<Who, string> url, Matrix expected, Action<Who, string>? verify = null,
        object? body = null, Func<HttpClient, Who, Task<HttpResponseMessage>>? send = null)
    {
        var failures = new List<string>();
        foreach (var who in W.Everyone.OrderBy(w => w == Who.Owner)) // the owner last: some rows delete what they test
        {
            var client = W.ClientOf(who);
            using var response = send is not null ? await send(client, who)
                : await client.SendAsync(new HttpRequestMessage(method!, url(who)) { Content = body is null ? null : JsonContent.Create(body, options: Hosting.Api.Json) });
            var text = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode != expected[who])
            {
                failures.Add($"{who}: expected {expected[who]}, got {(int)response.StatusCode} {text}");
                continue;
            }
            if (who is not (Who.Owner or Who.DoctorWithGrant) && text.Contains(W.RecordingName))
                failures.Add($"{who}: the answer leaks the owner's recording: {text}");
            // The FHIR API answers errors with an OperationOutcome (application/fhir+json), the rest with problem details.
            var errorType = response.RequestMessage?.RequestUri?.AbsolutePath.StartsWith("/fhir/", StringComparison.Ordinal) == true ? "fhir+json" : "problem+json";
            if ((int)response.StatusCode >= 400 && !response.Content.Headers.ContentType?.MediaType?.Contains(errorType) == true)
                failures.Add($"{who}: {(int)response.StatusCode} without {errorType} ({response.Content.Headers.ContentType})");
            try { verify?.Invoke(who, text); }
            catch (Exception e) { failures.Add($"{who}: {e.Message}"); }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}

[Collection("sqlite")]
public sealed class SqliteAuthorizationMatrix(SqliteFixture fixture) : AuthorizationMatrixTests(fixture);

[Collection("postgres"), UsesPostgres]
public sealed class PostgresAuthorizationMatrix(PostgresFixture fixture) : AuthorizationMatrixTests(fixture);
