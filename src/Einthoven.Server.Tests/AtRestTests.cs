using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Einthoven.Server.Storage.AtRest;
using Einthoven.Server.Tests.Hosting;
using Einthoven.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Einthoven.Server.Tests;

/// <summary>
/// Data at rest: health data and personal fields are ciphertext in the database, files are private to the server's
/// user, the key ring is encrypted by the operator's certificate, and Production refuses to run without one.
/// </summary>
public abstract class AtRestTests(ServerFixture fixture)
{
    private World W => fixture.World;

    [ProviderFact]
    public async Task The_database_holds_no_plain_e_mail_name_note_or_sample()
    {
        var record = TestRecords.Synthetic("at-rest-note", seconds: 12, seed: 31);
        record = new Einthoven.Signal.Records.EcgRecord(record.Info with { Comments = ["confidential-note-4711"] }, record.Samples, record.Annotations);
        var upload = await (await W.Owner.Client.UploadAsync(TestRecords.WfdbFiles(record))).JsonAsync(HttpStatusCode.Created);
        var id = upload.GetProperty("recording").Id();
        await W.WaitForAnalysisAsync(id);

        var users = await Raw("SELECT \"Email\" || ' ' || \"NormalizedEmail\" || ' ' || \"UserName\" || ' ' || \"DisplayName\" AS \"Value\" FROM \"AspNetUsers\"");
        Assert.DoesNotContain(users, u => u.Contains("owner@", StringComparison.OrdinalIgnoreCase) || u.Contains("Owner"));
        var recordings = await Raw("SELECT \"InfoJson\" || \"Name\" || \"OriginalFileName\" AS \"Value\" FROM \"Recordings\"");
        Assert.NotEmpty(recordings);
        Assert.DoesNotContain(recordings, r => r.Contains("confidential-note-4711") || r.Contains("at-rest-note") || r.Contains(W.RecordingName));
        var summaries = await Raw("SELECT \"SummaryJson\" AS \"Value\" FROM \"AnalysisResults\"");
        Assert.NotEmpty(summaries);
        Assert.DoesNotContain(summaries, s => s.Contains("disclaimer"));

        var chunks = await fixture.Host.DbAsync(db => db.Database.SqlQueryRaw<byte[]>("SELECT \"Data\" AS \"Value\" FROM \"SampleChunks\"").ToListAsync());
        Assert.NotEmpty(chunks);
        Assert.All(chunks, c => Assert.Equal(new byte[] { 0x09, 0xF0, 0xC9, 0xF0 }, c[..4])); // the key ring's header: encrypted

        // ... and the API still gives everything back.
        var details = await (await W.Owner.Client.GetAsync($"/api/recordings/{id}")).Content.ReadAsStringAsync();
        Assert.Contains("confidential-note-4711", details);
        Assert.Contains("\"min\"", await (await W.Owner.Client.GetAsync($"/api/recordings/{id}/window?from=0&to=5&points=100")).Content.ReadAsStringAsync());
        await (await W.Anonymous.PostJsonAsync("/api/auth/token", new { email = W.Owner.Email.ToUpperInvariant(), password = W.Owner.Password })).JsonAsync(HttpStatusCode.Created);
    }

    private Task<List<string>> Raw(string sql) => fixture.Host.DbAsync(db => db.Database.SqlQueryRaw<string>(sql).ToListAsync());
}

[Collection("sqlite")]
public sealed class SqliteAtRest(SqliteFixture fixture) : AtRestTests(fixture)
{
    [Fact]
    public void Data_folder_database_and_keys_are_private_to_the_server_user()
    {
        var folder = fixture.Host.DataFolder;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "einthoven.db")));
        var keys = Path.Combine(folder, "keys");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys));
        Assert.NotEmpty(Directory.GetFiles(keys));
        Assert.All(Directory.GetFiles(keys), f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
    }
}

[Collection("postgres"), UsesPostgres]
public sealed class PostgresAtRest(PostgresFixture fixture) : AtRestTests(fixture);

/// <summary>The key ring's own protection, without a database.</summary>
public sealed class KeyRingTests
{
    [Fact]
    public void Production_refuses_to_start_without_a_certificate_for_the_keys()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        var error = Assert.Throws<InvalidOperationException>(() => builder.AddAtRestProtection(new ServerOptions { DataFolder = TestData.TempDir() }));
        Assert.Contains("CertificatePath", error.Message);
    }

    [Fact]
    public async Task With_a_certificate_the_key_ring_is_stored_encrypted()
    {
        var folder = TestData.TempDir();
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=einthoven-keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var pfx = Path.Combine(TestData.TempDir(), "keys.pfx");
        await File.WriteAllBytesAsync(pfx, cert.Export(X509ContentType.Pkcs12, "pfx-pass"));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.AddAtRestProtection(new ServerOptions { DataFolder = folder, AtRest = new AtRestOptions { CertificatePath = pfx, CertificatePassword = "pfx-pass" } });
        await using var app = builder.Build();
        var protector = app.Services.GetRequiredService<AtRestProtection>();
        Assert.Equal([1, 2, 3], protector.Unprotect(protector.Protect([1, 2, 3])));
        var keyFile = Assert.Single(Directory.GetFiles(Path.Combine(folder, "keys"), "key-*.xml"));
        var xml = await File.ReadAllTextAsync(keyFile);
        Assert.Contains("EncryptedData", xml);
        Assert.DoesNotContain("<value>", xml); // the master key itself is inside EncryptedData
    }

    [Fact]
    public void Values_stored_before_encryption_are_read_as_they_are()
    {
        var protection = AtRestProtection.Ephemeral();
        Assert.Equal([7, 8, 9], protection.Unprotect([7, 8, 9]));
        Assert.Equal("{\"name\":\"100\"}", protection.Unprotect("{\"name\":\"100\"}"));
        Assert.Equal("plain", protection.Unprotect(protection.Protect("plain")));
        Assert.NotEqual("plain", protection.Protect("plain"));
    }
}
