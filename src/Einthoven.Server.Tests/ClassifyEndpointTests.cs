using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Einthoven.Server.Tests.Hosting;
using Einthoven.TestSupport;

namespace Einthoven.Server.Tests;

/// <summary>
/// POST /api/classify/12-lead: a 12-lead record uploaded as WFDB (or a zip of one, or EDF) gets every class's probability,
/// threshold and decision from the shipped model or a registered one; a record the model cannot read is a 422 naming why.
/// </summary>
public sealed class ClassifyEndpointTests : IAsyncLifetime
{
    private ServerHost _host = null!;
    private HttpClient _patient = null!;

    public async Task InitializeAsync()
    {
        _host = new ServerHost(Provider.Sqlite, new Dictionary<string, string?> { ["Einthoven:Retraining:Enabled"] = "false" });
        _patient = await _host.NewPatientAsync("classify-patient@test.local");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    internal static string PtbXlStem(int id) => Path.Combine(TestData.PtbXl, "records100", $"{id / 1000 * 1000:00000}", $"{id:00000}_lr");

    internal static MultipartFormDataContent PtbXlUpload(int id) => Files(PtbXlStem(id) + ".hea", PtbXlStem(id) + ".dat");

    private static MultipartFormDataContent Files(params string[] paths)
    {
        var form = new MultipartFormDataContent();
        foreach (var path in paths)
        {
            var content = new ByteArrayContent(File.ReadAllBytes(path));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(content, "files", Path.GetFileName(path));
        }
        return form;
    }

    [Fact]
    public async Task A_wfdb_record_gets_every_class_with_its_threshold_and_decision()
    {
        var result = await (await _patient.PostAsync("/api/classify/12-lead", PtbXlUpload(10))).JsonAsync();
        Assert.StartsWith("einthoven-twelve-lead-", result.Str("model"));
        Assert.Equal(result.Str("model"), result.Str("modelId"));
        Assert.Equal("00010_lr.hea", result.Str("record"));
        Assert.Equal(12, result.GetProperty("leads").GetArrayLength());
        var statements = result.GetProperty("statements").EnumerateArray().ToArray();
        Assert.Equal(["NORM", "MI", "STTC", "CD", "HYP"], statements.Take(5).Select(s => s.Str("code")));
        Assert.All(statements, s => Assert.Equal(s.GetProperty("probability").GetDouble() >= s.GetProperty("threshold").GetDouble(), s.GetProperty("present").GetBoolean()));
        Assert.True(statements[0].GetProperty("present").GetBoolean(), "PTB-XL 10 is a normal ECG");
        Assert.Contains("not a certified medical device", result.Str("disclaimer"));
    }

    [Fact]
    public async Task A_zip_and_a_record_with_only_i_ii_and_the_chest_leads_are_read()
    {
        var zipPath = Path.Combine(TestData.TempDir(), "00017.zip");
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
            foreach (var ext in new[] { ".hea", ".dat" }) zip.CreateEntryFromFile(PtbXlStem(17) + ext, "00017_lr" + ext);
        var fromZip = await (await _patient.PostAsync("/api/classify/12-lead", Files(zipPath))).JsonAsync();
        Assert.Contains(fromZip.GetProperty("statements").EnumerateArray(), s => s.Str("code") == "AFIB" && s.GetProperty("present").GetBoolean());

        // Eight leads (I, II, V1-V6) as a 500 Hz EDF file: III and the augmented leads are derived.
        var record = Signal.Formats.RecordFiles.Read(PtbXlStem(10) + ".hea");
        var keep = Enumerable.Range(0, 12).Where(l => record.Info.Leads[l].Name is "I" or "II" || record.Info.Leads[l].Name.StartsWith('V')).ToArray();
        var eight = new Signal.Records.EcgRecord(record.Info with { Leads = keep.Select(l => record.Info.Leads[l]).ToArray() }, keep.Select(l => record.Samples[l]).ToArray());
        var edf = Path.Combine(TestData.TempDir(), "eight.edf");
        Signal.Formats.RecordFiles.Write(eight, edf);
        var derived = await (await _patient.PostAsync("/api/classify/12-lead", Files(edf))).JsonAsync();
        Assert.Equal(["III", "aVR", "aVL", "aVF"], derived.GetProperty("derivedLeads").EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public async Task A_two_lead_record_is_a_422_naming_the_missing_lead()
    {
        var stem = TestData.MitDbRecord("100");
        var response = await _patient.PostAsync("/api/classify/12-lead", Files(stem + ".hea", stem + ".dat"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("needs lead", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Bad_uploads_and_unknown_models_are_4xx()
    {
        var noData = await _patient.PostAsync("/api/classify/12-lead", Files(PtbXlStem(10) + ".hea"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noData.StatusCode);
        Assert.Contains("00010_lr", await noData.Content.ReadAsStringAsync());
        var unknown = await _patient.PostAsync("/api/classify/12-lead?model=onnx-000000000000", PtbXlUpload(10));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var notAForm = await _patient.PostAsync("/api/classify/12-lead", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notAForm.StatusCode);
    }
}
