using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Einthoven.Server.Tests.Hosting;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Tests;

/// <summary>
/// Hostile uploads kept as tests: each gets its exact status (400 malformed, 413 over the limits, 422 without the
/// samples it claims), a problem naming the file and the field and no server path, and nothing is stored.
/// </summary>
public abstract class HostileUploadTests(ServerFixture fixture)
{
    private HttpClient Patient => fixture.World.Actors[Who.OtherPatient].Client;

    private static byte[] Text(string s) => Encoding.UTF8.GetBytes(s);

    private static byte[] Zip(params (string Name, byte[] Bytes)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, bytes) in entries)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                s.Write(bytes);
            }
        return buffer.ToArray();
    }

    [ProviderFact]
    public Task A_74_byte_header_of_null_signals_claiming_10e12_samples_is_unusable() =>
        Refused(HttpStatusCode.UnprocessableEntity, "nul.hea", "signals", ("nul.hea", Text("nul 2 250 1000000000000\n~ 0 200/mV 12 0 0 0 0 I\n~ 0 200/mV 12 0 0 0 0 II\n")));

    [ProviderFact]
    public Task A_multi_segment_header_repeating_a_null_segment_is_unusable() =>
        Refused(HttpStatusCode.UnprocessableEntity, "ms.hea", "signals", ("record", Text("ms")),
            ("ms.hea", Text("ms/3 1 250\nseg 500000000000\nseg 500000000000\nseg 500000000000\n")),
            ("seg.hea", Text("seg 1 250 500000000000\n~ 0 200/mV 12 0 0 0 0 I\n")));

    [ProviderFact]
    public Task A_multi_segment_header_repeating_a_real_segment_past_the_length_limit_is_too_large()
    {
        var master = new StringBuilder("rep/200000 1 250\n");
        for (var i = 0; i < 200_000; i++) master.Append("seg 1000\n");
        return Refused(HttpStatusCode.RequestEntityTooLarge, "rep.hea", "length", ("record", Text("rep")),
            ("rep.hea", Text(master.ToString())), ("seg.hea", Text("seg 1 250 1000\nseg.dat 16 200/mV 16 0 0 0 0 I\n")), ("seg.dat", new byte[2000]));
    }

    [ProviderFact]
    public Task A_header_claiming_10e8_samples_beside_a_tiny_signal_file_is_unusable() =>
        Refused(HttpStatusCode.UnprocessableEntity, "big.dat", "length", ("big.hea", Text("big 1 250 100000000\nbig.dat 16 200/mV 16 0 0 0 0 I\n")), ("big.dat", new byte[100]));

    [ProviderFact]
    public Task A_record_of_20000_signals_is_too_large()
    {
        var header = new StringBuilder("many 20000 250 10\n");
        for (var i = 0; i < 20_000; i++) header.Append($"many.dat 16 200/mV 16 0 0 0 0 s{i}\n");
        return Refused(HttpStatusCode.RequestEntityTooLarge, "many.hea", "number of signals", ("many.hea", Text(header.ToString())), ("many.dat", new byte[20_000 * 10 * 2]));
    }

    [ProviderFact]
    public Task A_3_MB_unit_field_is_too_large() =>
        Refused(HttpStatusCode.RequestEntityTooLarge, "unit.hea", "signal 0 unit",
            ("unit.hea", Text($"unit 1 250 10\nunit.dat 16 200/{new string('u', 3 << 20)} 16 0 0 0 0 I\n")), ("unit.dat", new byte[20]));

    [ProviderFact]
    public Task Sixteen_kilobytes_of_comments_is_the_most_a_header_may_carry() =>
        Refused(HttpStatusCode.RequestEntityTooLarge, "notes.hea", "comments",
            ("notes.hea", Text($"notes 1 250 10\nnotes.dat 16 200/mV 16 0 0 0 0 I\n#{new string('n', 20_000)}\n")), ("notes.dat", new byte[20]));

    [ProviderFact]
    public async Task Absurd_sampling_frequencies_are_refused()
    {
        foreach (var (fs, status) in new[] { ("0", HttpStatusCode.BadRequest), ("NaN", HttpStatusCode.BadRequest), ("-360", HttpStatusCode.BadRequest), ("1e12", HttpStatusCode.RequestEntityTooLarge) })
            await Refused(status, "fs.hea", "sampling frequency", ("fs.hea", Text($"fs 1 {fs} 10\nfs.dat 16 200/mV 16 0 0 0 0 I\n")), ("fs.dat", new byte[20]));
    }

    [ProviderFact]
    public async Task Negative_and_overflowing_sample_counts_are_malformed()
    {
        foreach (var length in new[] { "-5", "99999999999999999999", "1e9" })
            await Refused(HttpStatusCode.BadRequest, "len.hea", "length", ("len.hea", Text($"len 1 250 {length}\nlen.dat 16 200/mV 16 0 0 0 0 I\n")), ("len.dat", new byte[20]));
    }

    [ProviderFact]
    public Task A_recording_longer_than_48_hours_is_too_large() =>
        Refused(HttpStatusCode.RequestEntityTooLarge, "slow.hea", "duration", ("slow.hea", Text("slow 1 0.001 200\nslow.dat 16 200/mV 16 0 0 0 0 I\n")), ("slow.dat", new byte[400]));

    [ProviderFact]
    public async Task A_zip_whose_entry_claims_more_than_the_upload_limit_is_too_large()
    {
        var zip = Zip(("bomb.hea", Text("bomb 1 250 10\nbomb.dat 16\n")), ("bomb.dat", new byte[1000]));
        // Claim 4 GB for bomb.dat in its local header and in the central directory.
        var bytes = zip.ToArray();
        PatchSizes(bytes, "bomb.dat", uint.MaxValue - 1);
        await Refused(HttpStatusCode.RequestEntityTooLarge, "bomb.zip:bomb.dat", "size", ("bomb.zip", bytes));
    }

    [ProviderFact]
    public async Task A_zip_that_expands_beyond_the_upload_limit_is_too_large()
    {
        await using var host = new ServerHost(fixture.Provider, new Dictionary<string, string?> { ["Einthoven:MaxUploadBytes"] = "100000" });
        var client = await host.NewPatientAsync("p@bomb.local");
        var bytes = Zip(("zeros.hea", Text("zeros 1 250\nzeros.dat 16\n")), ("zeros.dat", new byte[10_000_000]));
        Assert.True(bytes.Length < 100_000);
        var problem = await Problem(client, HttpStatusCode.RequestEntityTooLarge, ("zeros.zip", bytes));
        Assert.Equal(("zeros.zip:zeros.dat", "size"), (problem.Str("file"), problem.Str("field")));
        Assert.Equal(0, await host.DbAsync(db => db.Recordings.IgnoreQueryFilters().CountAsync()));
    }

    [ProviderFact]
    public async Task Zip_entries_and_file_names_that_lead_out_of_the_upload_are_refused()
    {
        var header = Text("esc 1 250 10\nesc.dat 16\n");
        await Refused(HttpStatusCode.BadRequest, "../../esc.hea", "file name", ("evil.zip", Zip(("../../esc.hea", header), ("esc.dat", new byte[20]))));
        await Refused(HttpStatusCode.BadRequest, "esc.hea", "file name", ("evil.zip", Zip(("/etc/esc.hea", header))));
        await Refused(HttpStatusCode.BadRequest, "../esc.hea", "file name", ("../esc.hea", header), ("esc.dat", new byte[20]));
        await Refused(HttpStatusCode.BadRequest, "..\\..\\esc.hea", "file name", ("..\\..\\esc.hea", header), ("esc.dat", new byte[20]));
        Assert.False(File.Exists(Path.Combine(fixture.Host.DataFolder, "esc.hea")));
    }

    [ProviderFact]
    public Task An_edf_claiming_more_data_records_than_it_holds_is_unusable() =>
        Refused(HttpStatusCode.UnprocessableEntity, "records.edf", "number of data records", ("records.edf", Edf(236, "99999999")));

    [ProviderFact]
    public Task An_edf_claiming_9999_signals_is_malformed() =>
        Refused(HttpStatusCode.BadRequest, "signals.edf", "number of signals", ("signals.edf", Edf(252, "9999")));

    [ProviderFact]
    public Task A_csv_header_line_over_a_megabyte_is_malformed() =>
        Refused(HttpStatusCode.BadRequest, "wide.csv", "line 2", ("wide.csv", Text("# fs=250; unit=mV\n" + string.Join(',', Enumerable.Range(0, 200_000).Select(i => $"lead{i}")) + "\n1\n")));

    [ProviderFact]
    public Task A_csv_of_20000_columns_is_too_large_before_its_rows_are_read() =>
        Refused(HttpStatusCode.RequestEntityTooLarge, "columns.csv", "number of signals",
            ("columns.csv", Text("# fs=250; unit=mV\n" + string.Join(',', Enumerable.Range(0, 20_000).Select(i => $"c{i}")) + "\n" + string.Join(',', Enumerable.Repeat("1", 20_000)) + "\n")));

    [ProviderFact]
    public Task A_csv_lead_name_over_64_characters_is_too_large() =>
        Refused(HttpStatusCode.RequestEntityTooLarge, "name.csv", "signal 0 name", ("name.csv", Text($"# fs=250; unit=mV\n{new string('x', 65)}\n1\n2\n")));

    /// <summary>Uploads the files, expects the status and a problem naming the file and field, and that nothing was stored.</summary>
    private async Task Refused(HttpStatusCode status, string file, string field, params (string Name, byte[] Bytes)[] files)
    {
        var before = await StoredAsync();
        var list = await Patient.GetStringAsync("/api/recordings");
        var problem = await Problem(Patient, status, files);
        Assert.Equal((file, field), (problem.Str("file"), problem.Str("field")));
        Assert.StartsWith($"{file}: {field}: ", problem.Str("detail"));
        Assert.Equal(list, await Patient.GetStringAsync("/api/recordings"));
        Assert.Equal(before, await StoredAsync());
    }

    private async Task<JsonElement> Problem(HttpClient client, HttpStatusCode status, params (string Name, byte[] Bytes)[] files)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
            if (name == "record") form.Add(new ByteArrayContent(bytes), "record"); // the form field naming the record, not a file
            else form.Add(new ByteArrayContent(bytes), "files", name);
        var response = await client.PostAsync("/api/recordings", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(fixture.Host.DataFolder, body);
        Assert.DoesNotContain(Path.GetTempPath(), body);
        return JsonDocument.Parse(body).RootElement;
    }

    // Every row an upload writes, counted past the filter that hides recordings still importing: no orphans either.
    private Task<(int, int, int, int, int)> StoredAsync() => fixture.Host.DbAsync(async db => (
        await db.Recordings.IgnoreQueryFilters().CountAsync(), await db.SampleChunks.CountAsync(), await db.LeadEnvelopes.CountAsync(),
        await db.AnnotationSets.CountAsync(r => r.Annotator != "analysis"), await db.AnalysisJobs.CountAsync()));

    private static byte[] Edf(int offset, string value)
    {
        var path = Path.Combine(TestData.TempDir(), "valid.edf");
        RecordFiles.Write(TestRecords.Synthetic("valid", seconds: 4, seed: 40), path, "edf");
        var bytes = File.ReadAllBytes(path);
        Encoding.ASCII.GetBytes(value.PadRight(offset == 252 ? 4 : 8)).CopyTo(bytes, offset);
        return bytes;
    }

    /// <summary>Overwrites the uncompressed size of <paramref name="entry"/> in its local header and central directory record.</summary>
    private static void PatchSizes(byte[] zip, string entry, uint size)
    {
        var name = Encoding.ASCII.GetBytes(entry);
        for (var i = 0; i + 4 < zip.Length; i++)
        {
            var local = BitConverter.ToUInt32(zip, i) == 0x04034b50;
            var central = BitConverter.ToUInt32(zip, i) == 0x02014b50;
            if (!local && !central) continue;
            var nameAt = i + (local ? 30 : 46);
            if (nameAt + name.Length > zip.Length || !zip.AsSpan(nameAt, name.Length).SequenceEqual(name)) continue;
            BitConverter.GetBytes(size).CopyTo(zip, i + (local ? 22 : 24));
        }
    }
}

[Collection("sqlite")]
public sealed class SqliteHostileUploadTests(SqliteFixture fixture) : HostileUploadTests(fixture);

[Collection("postgres"), UsesPostgres]
public sealed class PostgresHostileUploadTests(PostgresFixture fixture) : HostileUploadTests(fixture);
