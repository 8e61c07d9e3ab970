using System.IO.Compression;
using System.Net;
using Einthoven.Server.Recordings;
using Einthoven.Server.Tests.Hosting;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Tests;

/// <summary>Uploads in every accepted shape, refusals that name the problem, and exact round trips.</summary>
public abstract class UploadTests(ServerFixture fixture)
{
    private World W => fixture.World;
    private HttpClient Patient => W.Actors[Who.OtherPatient].Client;

    [ProviderFact]
    public async Task A_wfdb_record_round_trips_exactly_through_upload_and_download()
    {
        var record = TestRecords.Synthetic("roundtrip", seconds: 20, seed: 31);
        var created = await (await Patient.UploadAsync(TestRecords.WfdbFiles(record))).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("recording").Id();
        Assert.Equal("wfdb", created.GetProperty("recording").Str("originalFormat"));
        Assert.Equal(new DateTime(2026, 10, 1, 8, 30, 0).AddDays(31), created.GetProperty("recording").GetProperty("recordedAt").GetDateTime());

        var zip = await Patient.GetByteArrayAsync($"/api/recordings/{id}/download");
        var dir = TestData.TempDir();
        new ZipArchive(new MemoryStream(zip)).ExtractToDirectory(dir);
        var back = RecordFiles.Read(Path.Combine(dir, "roundtrip.hea"));
        for (var lead = 0; lead < record.Samples.Length; lead++) Assert.Equal(record.Samples[lead], back.Samples[lead]);
        Assert.Equal(record.Annotations["atr"].Select(a => (a.Sample, a.Code)), back.Annotations["atr"].Select(a => (a.Sample, a.Code)));
        Assert.Equal(record.Info.Leads.Select(l => (l.Name, l.Gain)), back.Info.Leads.Select(l => (l.Name, l.Gain)));
    }

    [ProviderFact]
    public async Task A_zip_of_a_wfdb_record_is_accepted()
    {
        var files = TestRecords.WfdbFiles(TestRecords.Synthetic("zipped", seconds: 10, seed: 32));
        var zipPath = Path.Combine(TestData.TempDir(), "zipped.zip");
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
            foreach (var f in files) zip.CreateEntryFromFile(f, "record/" + Path.GetFileName(f));
        var created = await (await Patient.UploadAsync([zipPath])).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(3600, created.GetProperty("recording").GetProperty("sampleCount").GetInt64());
    }

    [ProviderFact]
    public async Task An_edf_upload_downloads_as_edf_and_as_wfdb_with_the_same_samples()
    {
        var record = TestRecords.Synthetic("edfup", seconds: 10, seed: 33);
        var edf = Path.Combine(TestData.TempDir(), "edfup.edf");
        RecordFiles.Write(record, edf, "edf");
        var expected = RecordFiles.Read(edf);
        var created = await (await Patient.UploadAsync([edf])).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("recording").Id();
        Assert.Equal("edf", created.GetProperty("recording").Str("originalFormat"));

        var original = Path.Combine(TestData.TempDir(), "back.edf");
        await File.WriteAllBytesAsync(original, await Patient.GetByteArrayAsync($"/api/recordings/{id}/download?format=original"));
        Assert.Equal(expected.Samples[0], RecordFiles.Read(original).Samples[0]);

        var dir = TestData.TempDir();
        new ZipArchive(new MemoryStream(await Patient.GetByteArrayAsync($"/api/recordings/{id}/download?format=wfdb"))).ExtractToDirectory(dir);
        Assert.Equal(expected.Samples[1], RecordFiles.Read(Directory.GetFiles(dir, "*.hea").Single()).Samples[1]);
    }

    [ProviderFact]
    public async Task A_header_without_its_signal_file_is_refused_naming_the_file_and_nothing_is_stored()
    {
        var files = TestRecords.WfdbFiles(TestRecords.Synthetic("nodat", seconds: 5, seed: 34));
        var before = await Counts();
        var problem = await (await Patient.UploadAsync(files.Where(f => f.EndsWith(".hea")))).JsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(("nodat.dat", "signal file"), (problem.Str("file"), problem.Str("field")));
        Assert.Equal(before, await Counts());
    }

    [ProviderFact]
    public async Task A_truncated_signal_file_is_refused_and_leaves_no_partial_recording()
    {
        var files = TestRecords.WfdbFiles(TestRecords.Synthetic("short", seconds: 30, seed: 35));
        var dat = files.Single(f => f.EndsWith(".dat"));
        var bytes = await File.ReadAllBytesAsync(dat);
        await File.WriteAllBytesAsync(dat, bytes[..(bytes.Length / 3)]);
        var before = await Counts();
        var problem = await (await Patient.UploadAsync(files)).JsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("unusable recording", problem.Str("title"));
        Assert.Equal(("short.dat", "length"), (problem.Str("file"), problem.Str("field")));
        Assert.DoesNotContain(fixture.Host.DataFolder, problem.ToString());
        Assert.Equal(before, await Counts());
    }

    [ProviderFact]
    public async Task Garbage_with_a_known_extension_is_a_problem_not_a_crash()
    {
        var problem = await (await Patient.UploadBytesAsync("noise.edf", "definitely not an EDF header"u8.ToArray())).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("noise.edf", problem.Str("file"));
        Assert.False(string.IsNullOrEmpty(problem.Str("field")));
    }

    [ProviderFact]
    public async Task An_unknown_extension_and_an_empty_form_are_refused()
    {
        var problem = await (await Patient.UploadBytesAsync("notes.docx", [1, 2, 3])).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("extension", problem.Str("field"));
        using var empty = new MultipartFormDataContent { { new StringContent("x"), "name" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await Patient.PostAsync("/api/recordings", empty)).StatusCode);
    }

    [ProviderFact]
    public async Task A_corrupt_zip_and_a_path_escaping_entry_are_refused()
    {
        var problem = await (await Patient.UploadBytesAsync("bad.zip", "PK not really"u8.ToArray())).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("zip", problem.Str("field"));
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var w = new StreamWriter(zip.CreateEntry("../../escape.hea").Open());
            w.Write("escape 1 360 10\n");
        }
        var escaped = await (await Patient.UploadBytesAsync("evil.zip", buffer.ToArray())).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(("../../escape.hea", "file name"), (escaped.Str("file"), escaped.Str("field")));
        Assert.False(File.Exists(Path.Combine(fixture.Host.DataFolder, "escape.hea")));
    }

    [ProviderFact]
    public async Task An_upload_over_the_size_limit_gets_413()
    {
        await using var host = new ServerHost(fixture.Provider, new Dictionary<string, string?> { ["Einthoven:MaxUploadBytes"] = "100000" });
        var world = await host.NewPatientAsync("p@limit.local");
        var files = TestRecords.WfdbFiles(TestRecords.Synthetic("big", seconds: 120, seed: 36));
        var problem = await (await world.UploadAsync(files)).JsonAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("100,000", problem.Str("detail"));
    }

    [ProviderFact]
    public async Task The_record_limits_come_from_the_configuration()
    {
        await using var host = new ServerHost(fixture.Provider, new Dictionary<string, string?> { ["Einthoven:Limits:MaxLeads"] = "1" });
        var client = await host.NewPatientAsync("p@leads.local");
        var problem = await (await client.UploadAsync(TestRecords.WfdbFiles(TestRecords.Synthetic("twoleads", seconds: 5, seed: 38))))
            .JsonAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(("twoleads.hea", "number of signals"), (problem.Str("file"), problem.Str("field")));
    }

    [ProviderFact]
    public async Task Upload_temp_files_are_private_and_swept_at_start()
    {
        var root = TestData.TempDir();
        using (var folder = new UploadFolder(root, 1 << 20))
        {
            await folder.AddAsync("x.csv", new MemoryStream("1\n"u8.ToArray()), CancellationToken.None);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(root, "uploads")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder.Path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(folder.Files.Single()));
        }
        var left = Directory.CreateDirectory(Path.Combine(root, "uploads", "killed-mid-upload")).FullName;
        await File.WriteAllTextAsync(Path.Combine(left, "100.dat"), "partial");
        UploadFolder.Sweep(root);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(root, "uploads")));
    }

    [ProviderFact]
    public async Task Csv_needs_its_sampling_rate_and_unit()
    {
        var record = TestRecords.Synthetic("csvup", seconds: 5, seed: 37);
        var csvFormat = RecordFiles.Formats.FirstOrDefault(f => f.Name == "csv");
        if (csvFormat is null) return; // the CSV format arrives with its own branch
        var csv = Path.Combine(TestData.TempDir(), "csvup.csv");
        csvFormat.Write(record, csv);
        var created = await Patient.UploadAsync([csv], new Dictionary<string, string> { ["samplingFrequency"] = "360", ["unit"] = "mV" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private Task<(int Recordings, int Chunks, int Jobs)> Counts() => fixture.Host.DbAsync(async db =>
        (await db.Recordings.CountAsync(), await db.SampleChunks.CountAsync(), await db.AnalysisJobs.CountAsync()));
}

[Collection("sqlite")]
public sealed class SqliteUploadTests(SqliteFixture fixture) : UploadTests(fixture);

[Collection("postgres"), UsesPostgres]
public sealed class PostgresUploadTests(PostgresFixture fixture) : UploadTests(fixture);
