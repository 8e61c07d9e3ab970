using Einthoven.Server.Tests.Hosting;
using static Einthoven.Server.Tests.Hosting.VerificationSetup;

namespace Einthoven.Server.Tests;

/// <summary>
/// The verification queue's rows (issue 25). None of the matrix's callers is a cardiologist, so the cardiologists'
/// endpoints refuse them all; cardiologists, routed or not, are checked in VerificationDenialTests.
/// </summary>
public abstract partial class AuthorizationMatrixTests
{
    private static readonly Matrix CardiologistsOnly = new(401, 403, 403, 403, 403, 403, 403, 403);

    [ProviderFact]
    [Covers("POST /api/recordings/{id:guid}/verification")]
    public async Task Push_a_recording_for_verification()
    {
        // The granted doctor pushes first (the owner runs last): the owner then finds it waiting already.
        var recording = await W.UploadAsync(W.Owner, "matrix-verify", seed: 13, seconds: 10);
        await Check(HttpMethod.Post, _ => $"/api/recordings/{recording}/verification", Matrix.PatientData(201) with { Owner = 409 }, body: new { });
    }

    [ProviderFact]
    [Covers("GET /api/recordings/{id:guid}/verification")]
    [Covers("GET /api/recordings/{id:guid}/verification/disagreements")]
    public async Task Read_a_recordings_verification()
    {
        await Check(HttpMethod.Get, _ => $"/api/recordings/{W.Recording}/verification", Matrix.PatientData());
        await Check(HttpMethod.Get, _ => $"/api/recordings/{W.Recording}/verification/disagreements", Matrix.PatientData());
    }

    [ProviderFact]
    [Covers("GET /api/verification/sets/{id:guid}")]
    public async Task Read_a_physician_set()
    {
        var recording = await W.UploadAsync(W.Owner, "matrix-set", seed: 14, seconds: 10);
        await W.WaitForAnalysisAsync(recording);
        var cardiologist = await AssignedCardiologistAsync(W, W.Owner.Id, "matrix");
        var (set, _) = await StartAsync(cardiologist.Client, await PushAsync(W.Owner.Client, recording));
        await Check(HttpMethod.Get, _ => $"/api/verification/sets/{set}", Matrix.PatientData(), (who, body) =>
        {
            if (who is Who.Owner or Who.DoctorWithGrant) Assert.Contains("\"beats\"", body);
        });
    }

    [ProviderFact]
    [Covers("GET /api/verification/queue")]
    [Covers("POST /api/verification/requests/{id:guid}/sets")]
    [Covers("POST /api/verification/sets/{id:guid}/edits")]
    [Covers("POST /api/verification/sets/{id:guid}/complete")]
    public async Task Verifying_is_for_cardiologists_only()
    {
        var id = Guid.NewGuid();
        await Check(HttpMethod.Get, _ => "/api/verification/queue", CardiologistsOnly);
        await Check(HttpMethod.Post, _ => $"/api/verification/requests/{id}/sets", CardiologistsOnly, body: new { });
        await Check(HttpMethod.Post, _ => $"/api/verification/sets/{id}/edits", CardiologistsOnly, body: new { operations = new[] { new { op = "confirm", from = 0, to = 1 } } });
        await Check(HttpMethod.Post, _ => $"/api/verification/sets/{id}/complete", CardiologistsOnly, body: new { confirmRemaining = true });
    }

    [ProviderFact]
    [Covers("GET /api/admin/verification/assignments")]
    [Covers("POST /api/admin/verification/assignments")]
    [Covers("DELETE /api/admin/verification/assignments/{id:guid}")]
    public async Task Cardiologist_assignments_are_for_admins()
    {
        await Check(HttpMethod.Get, _ => "/api/admin/verification/assignments", Matrix.Admins());
        // The owner is no cardiologist: the admin is told so; everyone else may not ask.
        await Check(HttpMethod.Post, _ => "/api/admin/verification/assignments", Matrix.Admins(400), body: new { cardiologistId = W.Owner.Id, patientId = W.Owner.Id });
        await Check(HttpMethod.Delete, _ => $"/api/admin/verification/assignments/{Guid.NewGuid()}", Matrix.Admins(404));
    }
}
