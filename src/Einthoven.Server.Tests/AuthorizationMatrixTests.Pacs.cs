using Einthoven.Server.Tests.Hosting;

namespace Einthoven.Server.Tests;

/// <summary>
/// The PACS rows (issue 28). The matrix's server has no PACS, so whoever is allowed past authorisation gets 409 (no PACS
/// configured): sending a recording is for the doctor holding a live grant (the patient sees it but may not send: 403);
/// searching the PACS is for doctors; importing needs a live grant from the patient named.
/// </summary>
public abstract partial class AuthorizationMatrixTests
{
    [ProviderFact]
    [Covers("GET /api/pacs")]
    [Covers("POST /api/recordings/{id:guid}/pacs")]
    [Covers("GET /api/pacs/instances")]
    [Covers("POST /api/pacs/import")]
    public async Task Pacs()
    {
        await Check(HttpMethod.Get, _ => "/api/pacs", Matrix.AnyUser());
        await Check(HttpMethod.Post, _ => $"/api/recordings/{W.Recording}/pacs", new Matrix(401, 403, 404, 404, 409, 404, 404, 404));
        await Check(HttpMethod.Get, _ => "/api/pacs/instances", Matrix.Doctors(409));
        await Check(HttpMethod.Post, _ => "/api/pacs/import", new Matrix(401, 403, 403, 404, 409, 404, 404, 403),
            body: new { patientId = W.Owner.Id, studyInstanceUid = "1.2.3", seriesInstanceUid = "1.2.3.4", sopInstanceUid = "1.2.3.4.5" });
    }
}
