using System.Net;
using Einthoven.Server.Storage;
using Einthoven.Server.Tests.Hosting;
using Einthoven.Signal.Formats;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Tests;

/// <summary>
/// The hospital PACS over DICOMweb, against the real Orthanc .ci/run starts (issue 28): a doctor holding a grant sends
/// a recording as a DICOM ECG waveform (STOW-RS), finds it by the patient's id (QIDO-RS) and imports it back (WADO-RS)
/// into the patient's recordings with the same samples; a PACS that does not answer is a 502 naming it; those without
/// a grant are refused.
/// </summary>
[Collection("pacs")]
public sealed class PacsTests
{
    [OrthancFact]
    public async Task A_doctor_sends_a_recording_finds_it_in_the_pacs_and_imports_it_back_with_the_same_samples()
    {
        await using var host = new ServerHost(Provider.Sqlite, TestOrthanc.Settings());
        var w = await World.CreateAsync(host);
        var doctor = w.Actors[Who.DoctorWithGrant].Client;

        var sent = await (await doctor.PostAsync($"/api/recordings/{w.Recording}/pacs", null)).JsonAsync();
        Assert.Equal("Test Orthanc", sent.Str("pacs"));
        Assert.StartsWith("1.2.840.10008.5.1.4.1.1.9.1.", sent.Str("sopClassUid"));

        var found = await (await doctor.GetAsync($"/api/pacs/instances?patientId={w.Owner.Id:N}")).JsonAsync();
        var instance = found.EnumerateArray().Single(i => i.Str("sopInstanceUid") == sent.Str("sopInstanceUid"));
        Assert.Equal((sent.Str("studyInstanceUid"), sent.Str("seriesInstanceUid"), "ECG"), (instance.Str("studyInstanceUid"), instance.Str("seriesInstanceUid"), instance.Str("modality")));

        var imported = await (await doctor.PostJsonAsync("/api/pacs/import", new
        {
            patientId = w.Owner.Id, studyInstanceUid = sent.Str("studyInstanceUid"), seriesInstanceUid = sent.Str("seriesInstanceUid"), sopInstanceUid = sent.Str("sopInstanceUid"),
        })).JsonAsync(HttpStatusCode.Created);
        var copy = imported.GetProperty("recording").Id();
        var (original, back) = (await StoredAsync(host, w.Recording), await StoredAsync(host, copy));
        Assert.Equal(original.Info.Leads.Select(l => l.Name), back.Info.Leads.Select(l => l.Name));
        Assert.Equal(original.Info.SamplingFrequency, back.Info.SamplingFrequency);
        for (var lead = 0; lead < original.Info.Leads.Count; lead++)
            Assert.Equal(original.Physical(lead), back.Physical(lead));
        Assert.Contains(copy.ToString(), await (await w.Owner.Client.GetAsync("/api/recordings")).Content.ReadAsStringAsync());
        await w.WaitForAnalysisAsync(copy);

        // Those without a live grant are refused, and a malformed UID is named.
        Assert.Equal(HttpStatusCode.Forbidden, (await w.Owner.Client.PostAsync($"/api/recordings/{w.Recording}/pacs", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Actors[Who.DoctorRevoked].Client.PostAsync($"/api/recordings/{w.Recording}/pacs", null)).StatusCode);
        var request = new { patientId = w.Owner.Id, studyInstanceUid = sent.Str("studyInstanceUid"), seriesInstanceUid = sent.Str("seriesInstanceUid"), sopInstanceUid = sent.Str("sopInstanceUid") };
        Assert.Equal(HttpStatusCode.NotFound, (await w.Actors[Who.DoctorWithoutGrant].Client.PostJsonAsync("/api/pacs/import", request)).StatusCode);
        var bad = await (await doctor.PostJsonAsync("/api/pacs/import", request with { sopInstanceUid = "1.2.3/../../x" })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("sopInstanceUid", bad.Str("field"));
    }

    [OrthancFact]
    public async Task A_pacs_that_does_not_answer_is_a_502_that_names_it()
    {
        var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await using var host = new ServerHost(Provider.Sqlite, TestOrthanc.Settings($"http://127.0.0.1:{port}/dicom-web"));
        var w = await World.CreateAsync(host);
        var answer = await (await w.Actors[Who.DoctorWithGrant].Client.PostAsync($"/api/recordings/{w.Recording}/pacs", null)).JsonAsync(HttpStatusCode.BadGateway);
        Assert.StartsWith("Test Orthanc: the PACS cannot be reached", answer.Str("detail"));
    }

    private static Task<Einthoven.Signal.Records.EcgRecord> StoredAsync(ServerHost host, Guid id) => host.DbAsync(async db =>
    {
        var recording = await db.Recordings.AsNoTracking().SingleAsync(r => r.Id == id);
        using var reader = new StoredRecordingReader(db, recording, withAnalysis: false);
        return RecordFiles.ReadAll(reader);
    });
}
