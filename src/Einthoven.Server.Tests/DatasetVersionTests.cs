using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Einthoven.Models.Beats;
using Einthoven.Models.Verified;
using Einthoven.Server.Accounts;
using Einthoven.Server.Tests.Hosting;
using Einthoven.Signal.Records;
using Einthoven.TestSupport;

namespace Einthoven.Server.Tests;

/// <summary>
/// Dataset versions on a server of their own: content addressing (the same inputs give the same id, a changed label
/// another), the consensus of two cardiologists, and the research export: de-identified (no name, e-mail, id or exact
/// date in any byte of it), audited per patient, and read back by <c>einthoven info</c> and <c>annotations</c> with
/// the physicians' labels exactly.
/// </summary>
public sealed class DatasetVersionTests : IAsyncLifetime
{
    private const string PatientName = "Zebediah Quixote-Marchbanks";
    private ServerHost _host = null!;
    private HttpClient _admin = null!, _researcher = null!;
    private Guid _patient, _otherPatient, _cardiologistA, _cardiologistB, _recording, _otherRecording;
    private string _email = "";
    private List<(long Sample, AamiClass Label)> _labels = [];

    public async Task InitializeAsync()
    {
        _host = new ServerHost(Provider.Sqlite, new Dictionary<string, string?> { ["Einthoven:Retraining:Enabled"] = "false" });
        await _host.CreateUserAsync("datasets-admin@test.local", "Admin-Pass-123", Roles.Admin);
        _admin = await _host.SignInAsync("datasets-admin@test.local", "Admin-Pass-123");
        await _host.CreateUserAsync("researcher@test.local", "Research-Pass-123", Roles.Researcher);
        _researcher = await _host.SignInAsync("researcher@test.local", "Research-Pass-123");
        _cardiologistA = await _host.CreateUserAsync("cardio-a@test.local", "Cardio-Pass-123", Roles.Cardiologist);
        _cardiologistB = await _host.CreateUserAsync("cardio-b@test.local", "Cardio-Pass-123", Roles.Cardiologist);

        _email = $"zebediah.{Guid.NewGuid():N}@test.local";
        var patient = _host.Client();
        await (await patient.PostJsonAsync("/api/auth/register", new { email = _email, password = "Patient-Pass-123", displayName = PatientName })).JsonAsync(HttpStatusCode.Accepted);
        patient = await _host.SignInAsync(_email, "Patient-Pass-123");
        _patient = (await (await patient.GetAsync("/api/me")).JsonAsync()).Id();
        _recording = await UploadAsync(patient, Identifying());
        var other = await _host.NewPatientAsync($"other.{Guid.NewGuid():N}@test.local");
        _otherPatient = (await (await other.GetAsync("/api/me")).JsonAsync()).Id();
        _otherRecording = await UploadAsync(other, TestRecords.Synthetic("other", seconds: 30, seed: 12, pvc: 0.1));

        // Cardiologist A relabels every 7th beat of the first recording S; A and B verify the second and disagree on one beat.
        var ai = await Verifications.AiBeatsAsync(_host, _recording);
        _labels = ai.Select((b, i) => (b.Sample, i % 7 == 3 ? AamiClass.S : b.Label)).ToList();
        await Verifications.CompleteAsync(_host, _recording, _patient, _cardiologistA, _labels);
        var otherAi = await Verifications.AiBeatsAsync(_host, _otherRecording);
        await Verifications.CompleteAsync(_host, _otherRecording, _otherPatient, _cardiologistA, otherAi);
        await Verifications.CompleteAsync(_host, _otherRecording, _otherPatient, _cardiologistB,
            otherAi.Select((b, i) => (b.Sample, i == 5 ? AamiClass.V : b.Label)).Where((_, i) => i != 9));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_same_inputs_give_the_same_id_and_a_changed_label_another()
    {
        var first = await (await _admin.PostAsync("/api/datasets", null)).JsonAsync(HttpStatusCode.Created);
        var same = await (await _admin.PostAsync("/api/datasets", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(first.Str("id"), same.Str("id"));
        Assert.Matches("^[0-9a-f]{64}$", first.Str("id"));
        Assert.Equal((2, 2, 3, 2), (first.GetProperty("recordings").GetInt32(), first.GetProperty("patients").GetInt32(),
            first.GetProperty("verificationSets").GetInt32(), first.GetProperty("disagreements").GetInt32()));
        Assert.Equal(_labels.Count + (await Verifications.AiBeatsAsync(_host, _otherRecording)).Count - 2, first.GetProperty("beats").GetInt32());
        // The folder the server wrote is what the trainer loads: every field and hash checked.
        var folder = VerifiedDataset.Load(Path.Combine(_host.DataFolder, "datasets", first.Str("id")));
        Assert.Equal((first.Str("id"), first.Str("standard"), 2), (folder.Id, folder.Manifest.Standard, folder.Records.Count));
        Assert.Equal((first.GetProperty("beats").GetInt32(), 2), (folder.Records.Sum(r => r.Beats), folder.Records.Sum(r => r.Disagreements ?? 0)));
        Assert.Equal([VerifiedDatasetFormat.ReadmeFile, VerifiedDatasetFormat.BeatsFile], folder.Manifest.Files.Keys);

        var changed = _labels.Select((b, i) => (b.Sample, i == 0 ? AamiClass.V : b.Label)).ToList();
        await Verifications.CompleteAsync(_host, _recording, _patient, _cardiologistA, changed);
        var second = await (await _admin.PostAsync("/api/datasets", null)).JsonAsync(HttpStatusCode.Created);
        Assert.NotEqual(first.Str("id"), second.Str("id"));
        await Verifications.CompleteAsync(_host, _recording, _patient, _cardiologistA, _labels); // back as it was: the first id again
        Assert.Equal(first.Str("id"), (await (await _admin.PostAsync("/api/datasets", null)).JsonAsync(HttpStatusCode.OK)).Str("id"));
        var list = (await (await _researcher.GetAsync("/api/datasets")).JsonAsync()).EnumerateArray().Select(d => d.Str("id")).ToList();
        Assert.Contains(first.Str("id"), list);
        Assert.Contains(second.Str("id"), list);
    }

    [Fact]
    public async Task The_export_is_de_identified_and_reads_back_with_einthoven()
    {
        var version = await CreateAsync();
        var response = await _researcher.GetAsync($"/api/datasets/{version.Str("id")}/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        var folder = TestData.TempDir();
        await using (var zip = await response.Content.ReadAsStreamAsync()) ZipFile.ExtractToDirectory(zip, folder);

        var forbidden = new[]
        {
            PatientName, "Zebediah", "Marchbanks", _email, "MRN-998877", "1979-03-14", "St Elsewhere", "2026-10-08", "08/10/2026", "08:30:00",
            _patient.ToString(), _patient.ToString("N"), _recording.ToString(), _recording.ToString("N"), _cardiologistA.ToString(), _cardiologistA.ToString("N"),
            "identifying-holter",
        };
        foreach (var file in Directory.GetFiles(folder))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            foreach (var text in forbidden)
                foreach (var encoding in new Encoding[] { Encoding.UTF8, Encoding.Unicode })
                    Assert.True(bytes.AsSpan().IndexOf(encoding.GetBytes(text)) < 0, $"{Path.GetFileName(file)} holds '{text}'");
        }
        Assert.Equal(version.Str("id"), VerifiedDataset.Load(folder).Id); // the export loads as a verified dataset, every hash checked
        var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "manifest.json"))).RootElement;
        Assert.Equal(("einthoven-verified-beats/1", version.Str("id")), (manifest.Str("format"), manifest.Str("id")));
        foreach (var record in manifest.GetProperty("records").EnumerateArray())
            foreach (var file in record.GetProperty("files").EnumerateObject())
                Assert.Equal(file.Value.GetString(), Einthoven.Learning.Serialization.ModelCard.Sha256(Path.Combine(folder, file.Name)));

        // The identifying recording is the one with 47 years, now 40-49; its labels read back exactly.
        var name = manifest.GetProperty("records").EnumerateArray().Select(r => r.Str("name"))
            .Single(n => File.ReadAllText(Path.Combine(folder, n + ".hea")).Contains("age: 40-49"));
        var info = LocalCli.Run("info", Path.Combine(folder, name));
        Assert.Contains(name, info);
        var header = await File.ReadAllTextAsync(Path.Combine(folder, name + ".hea"));
        Assert.DoesNotMatch(@"^\S+ \d+ [\d.]+ \d+ \d", header.Split('\n')[0]); // no base time or date on the record line
        var atr = LocalCli.Run("annotations", Path.Combine(folder, name), "--ann", "atr", "--format", "csv").Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.Split(',')).Select(f => (long.Parse(f[1]), AamiMapping.FromSymbol(f[2])!.Value)).ToList();
        Assert.Equal(_labels, atr);
        var aiBack = LocalCli.Run("annotations", Path.Combine(folder, name), "--ann", "ai", "--format", "csv").Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.Split(',')).Select(f => (long.Parse(f[1]), AamiMapping.FromSymbol(f[2])!.Value)).ToList();
        Assert.Equal(await Verifications.AiBeatsAsync(_host, _recording), aiBack);
        var csv = (await File.ReadAllLinesAsync(Path.Combine(folder, "beats.csv"))).Where(l => l.StartsWith(name + ",")).ToList();
        Assert.Equal(_labels.Count, csv.Count);
        var fields = csv[3].Split(',');
        Assert.Equal(($"{_labels[3].Sample}", "S", (await Verifications.AiBeatsAsync(_host, _recording))[3].Label.ToString()), (fields[1], fields[3], fields[4]));

        // The patient sees that a researcher exported their (de-identified) recording.
        var audit = await _host.DbAsync(db => Task.FromResult(db.AuditEntries.Where(a => a.PatientId == _patient && a.Action == "dataset.export").ToList()));
        Assert.Single(audit);
        Assert.Equal(_recording, audit[0].RecordingId);
    }

    [Fact]
    public async Task Researchers_see_datasets_and_exports_only_and_nobody_else_sees_those()
    {
        var version = await CreateAsync();
        var export = $"/api/datasets/{version.Str("id")}/export";
        // A researcher: the list and the export, nothing of the registry, the runs, the admin API or any recording.
        Assert.Equal(200, await StatusAsync(_researcher, HttpMethod.Get, "/api/datasets"));
        Assert.Equal(200, await StatusAsync(_researcher, HttpMethod.Get, export));
        Assert.Equal(400, await StatusAsync(_researcher, HttpMethod.Get, "/api/datasets/not-an-id/export"));
        Assert.Equal(404, await StatusAsync(_researcher, HttpMethod.Get, $"/api/datasets/{new string('a', 64)}/export"));
        foreach (var (method, url) in AdminOnly(version.Str("id")))
            Assert.Equal(403, await StatusAsync(_researcher, method, url));
        Assert.Equal(404, await StatusAsync(_researcher, HttpMethod.Get, $"/api/recordings/{_recording}"));
        Assert.Equal(404, await StatusAsync(_researcher, HttpMethod.Get, $"/api/recordings/{_recording}/window?from=0&to=10&points=100"));
        Assert.DoesNotContain(_recording.ToString(), await (await _researcher.GetAsync("/api/recordings")).Content.ReadAsStringAsync());

        // A cardiologist, a patient and a doctor: neither datasets nor exports nor the registry.
        var cardiologist = await _host.SignInAsync("cardio-a@test.local", "Cardio-Pass-123");
        var doctor = await _host.NewDoctorAsync($"doctor.{Guid.NewGuid():N}@test.local");
        var patient = await _host.SignInAsync(_email, "Patient-Pass-123");
        foreach (var client in new[] { cardiologist, doctor, patient })
        {
            Assert.Equal(403, await StatusAsync(client, HttpMethod.Get, "/api/datasets"));
            Assert.Equal(403, await StatusAsync(client, HttpMethod.Get, export));
            foreach (var (method, url) in AdminOnly(version.Str("id")))
                Assert.Equal(403, await StatusAsync(client, method, url));
        }
        Assert.Equal(401, await StatusAsync(_host.Client(), HttpMethod.Get, export));
    }

    private async Task<JsonElement> CreateAsync()
    {
        var response = await _admin.PostAsync("/api/datasets", null);
        return await response.JsonAsync(response.StatusCode == HttpStatusCode.Created ? HttpStatusCode.Created : HttpStatusCode.OK);
    }

    private static IEnumerable<(HttpMethod, string)> AdminOnly(string dataset) =>
    [
        (HttpMethod.Post, "/api/datasets"), (HttpMethod.Get, "/api/models/beats"), (HttpMethod.Post, "/api/models/beats/1/promote"),
        (HttpMethod.Post, "/api/models/beats/rollback"), (HttpMethod.Get, "/api/retraining/runs"), (HttpMethod.Post, "/api/retraining/runs"),
        (HttpMethod.Get, "/api/admin/users"),
    ];

    private static async Task<int> StatusAsync(HttpClient client, HttpMethod method, string url)
    {
        using var response = await client.SendAsync(new HttpRequestMessage(method, url));
        if ((int)response.StatusCode >= 400)
            Assert.Contains("problem+json", response.Content.Headers.ContentType?.MediaType ?? "");
        return (int)response.StatusCode;
    }

    private async Task<Guid> UploadAsync(HttpClient client, EcgRecord record)
    {
        var id = (await (await client.UploadAsync(TestRecords.WfdbFiles(record))).JsonAsync(HttpStatusCode.Created)).GetProperty("recording").Id();
        Assert.Equal("Succeeded", (await client.AnalysisAsync(id, seconds: 90)).GetProperty("job").Str("state"));
        return id;
    }

    /// <summary>A record whose name and header say who the patient is, where and when.</summary>
    private static EcgRecord Identifying()
    {
        var record = TestRecords.Synthetic("identifying-holter", seconds: 40, seed: 11, pvc: 0.1);
        var comments = new[] { $"patient name: {PatientName}", "patient id: MRN-998877", "birth date: 1979-03-14", "age: 47", "sex: M", "site: St Elsewhere Hospital" };
        var info = record.Info with
        {
            Comments = comments, Metadata = Einthoven.Signal.Formats.Wfdb.WfdbComments.Metadata(comments),
            StartDate = new DateOnly(2026, 10, 8), StartTime = new TimeOnly(8, 30, 0),
        };
        return new EcgRecord(info, record.Samples, record.Annotations.ToDictionary(a => a.Key, a => a.Value));
    }

}
