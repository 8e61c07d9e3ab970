using System.Net;
using Einthoven.Server.Tests.Hosting;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;

namespace Einthoven.Server.Tests;

/// <summary>
/// The hospital formats through the platform (issue 28): a DICOM ECG waveform, an HL7 aECG file or a FHIR ECG
/// Observation uploads like any other and downloads again in that format with the same physical values.
/// </summary>
[Collection("sqlite")]
public sealed class HospitalFormatUploadTests(SqliteFixture fixture)
{
    [Theory]
    [InlineData("dicom", ".dcm")]
    [InlineData("aecg", ".xml")]
    [InlineData("fhir", ".json")]
    public async Task A_hospital_format_uploads_and_downloads_with_the_same_values(string format, string extension)
    {
        var record = TestRecords.Synthetic($"hospital-{format}", seconds: 10, seed: 7);
        var file = Path.Combine(TestData.TempDir(), $"hospital{extension}");
        RecordFiles.Write(record, file, format);
        var patient = fixture.World.Owner.Client;

        var uploaded = await (await patient.UploadAsync([file])).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(format, uploaded.GetProperty("recording").Str("originalFormat"));
        var id = uploaded.GetProperty("recording").Id();

        var download = await patient.GetAsync($"/api/recordings/{id}/download?format={format}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var back = Path.Combine(TestData.TempDir(), $"back{extension}");
        await File.WriteAllBytesAsync(back, await download.Content.ReadAsByteArrayAsync());
        var read = RecordFiles.Read(back);
        Assert.Equal(record.Info.Leads.Count, read.Info.Leads.Count);
        for (var lead = 0; lead < record.Info.Leads.Count; lead++)
        {
            var (expected, actual) = (record.Physical(lead), read.Physical(lead));
            Assert.Equal(expected.Length, actual.Length);
            for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 9);
        }
        (await patient.DeleteAsync($"/api/recordings/{id}")).EnsureSuccessStatusCode();
    }
}
