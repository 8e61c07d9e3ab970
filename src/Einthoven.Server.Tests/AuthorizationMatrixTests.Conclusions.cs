using Einthoven.Server.Tests.Hosting;

namespace Einthoven.Server.Tests;

/// <summary>
/// Doctors' conclusions (issue 27): those who may read the recording read them; only the doctor holding a live grant
/// writes or withdraws one; the patient may see but not write (403); nobody else learns the recording exists (404).
/// </summary>
public abstract partial class AuthorizationMatrixTests
{
    [ProviderFact]
    [Covers("GET /api/recordings/{id:guid}/conclusions")]
    [Covers("PUT /api/recordings/{id:guid}/conclusion")]
    [Covers("DELETE /api/recordings/{id:guid}/conclusion")]
    public async Task Conclusions()
    {
        await Check(HttpMethod.Get, _ => $"/api/recordings/{W.Recording}/conclusions", Matrix.PatientData());
        await Check(HttpMethod.Put, _ => $"/api/recordings/{W.Recording}/conclusion", new Matrix(401, 403, 404, 404, 200, 404, 404, 404),
            body: new { text = "Matrix conclusion" });
        await Check(HttpMethod.Delete, _ => $"/api/recordings/{W.Recording}/conclusion", new Matrix(401, 403, 404, 404, 204, 404, 404, 404));
    }
}
