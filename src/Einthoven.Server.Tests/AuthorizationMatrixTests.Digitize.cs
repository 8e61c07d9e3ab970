using Einthoven.Server.Recordings;
using Einthoven.Server.Tests.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Tests;

/// <summary>
/// The paper-ECG photo rows (issue 29): patients digitise and store their own photos, as they upload their own
/// recordings; doctors and admins are refused before the photo is read. The photo sent is not an image, so whoever is
/// let through gets 400 naming it, without the digitiser running.
/// </summary>
public abstract partial class AuthorizationMatrixTests
{
    [ProviderFact]
    [Covers("POST /api/digitize/preview")]
    [Covers("POST /api/recordings/digitized")]
    public async Task Digitize_photo()
    {
        var notAnImage = "not an image"u8.ToArray();
        await Check(null, _ => "/api/digitize/preview", Matrix.Patients(400), (who, body) => { if (who is Who.Owner or Who.OtherPatient) Assert.Contains("matrix.jpg", body); },
            send: (client, _) => client.PostAsync("/api/digitize/preview", TestPhotos.Form("matrix.jpg", notAnImage)));
        await Check(null, _ => "/api/recordings/digitized", Matrix.Patients(400), (who, body) => { if (who is Who.Owner or Who.OtherPatient) Assert.Contains("matrix.jpg", body); },
            send: (client, _) => client.PostAsync("/api/recordings/digitized", TestPhotos.Form("matrix.jpg", notAnImage)));
    }

    [ProviderFact]
    [Covers("GET /api/recordings/{id:guid}/photo")]
    public async Task Digitized_recording_photo()
    {
        // The owner's recording is given a photo as a digitised one has (the digitiser itself is not what is checked here).
        await fixture.Host.DbAsync(async db =>
        {
            if (!await db.RecordingPhotos.AnyAsync(p => p.RecordingId == W.Recording))
            {
                db.RecordingPhotos.Add(new RecordingPhoto { RecordingId = W.Recording, ContentType = "image/png", Data = "matrix-photo"u8.ToArray() });
                await db.SaveChangesAsync();
            }
            return true;
        });
        await Check(HttpMethod.Get, _ => $"/api/recordings/{W.Recording}/photo", Matrix.PatientData(), (who, body) =>
        {
            if (who is Who.Owner or Who.DoctorWithGrant) Assert.Equal("matrix-photo", body);
        });
    }
}
