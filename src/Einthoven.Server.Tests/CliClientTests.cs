using System.CommandLine;
using System.Text.Json;
using Einthoven.Cli;
using Einthoven.Cli.Client;
using Einthoven.Cli.Commands;
using Einthoven.Server.Tests.Hosting;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;

namespace Einthoven.Server.Tests;

/// <summary>The CLI's login, upload, recordings, download and classify-12lead commands against an in-process server.</summary>
public abstract class CliClientTests(ServerFixture fixture)
{
    private const string Server = "http://einthoven.test/";

    [ProviderFact]
    public async Task Login_saves_a_private_token_and_upload_recordings_download_use_it()
    {
        var config = Path.Combine(TestData.TempDir(), "config.json");
        var patient = fixture.World.Actors[Who.OtherPatient];
        var (code, output, error) = Run("login", "--server", Server, "--email", patient.Email, "--password", patient.Password, "--config", config);
        Assert.True(code == 0, error);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(config));
        var saved = JsonDocument.Parse(await File.ReadAllTextAsync(config)).RootElement;
        Assert.StartsWith("eth_", saved.GetProperty("token").GetString());
        Assert.Equal(Server, saved.GetProperty("server").GetString());

        var record = TestRecords.Synthetic("cli-upload", seconds: 8, seed: 51);
        var files = TestRecords.WfdbFiles(record);
        (code, output, error) = Run("upload", files[0][..^4], "--config", config);
        Assert.True(code == 0, error);
        var id = Guid.Parse(output.Split(" as ")[1].Split(' ')[0]);

        (code, output, error) = Run("recordings", "--json", "--config", config);
        Assert.True(code == 0, error);
        Assert.Contains(JsonDocument.Parse(output).RootElement.EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);

        var outDir = TestData.TempDir();
        (code, output, error) = Run("download", id.ToString(), Path.Combine(outDir, "back.edf"), "--format", "edf", "--config", config);
        Assert.True(code == 0, error);
        Assert.Equal(RecordFiles.Read(Path.Combine(outDir, "back.edf")).Info.SampleCount, record.Info.SampleCount);
    }

    [ProviderFact]
    public void Classify_12lead_sends_the_record_to_the_server_and_prints_every_class()
    {
        var config = Path.Combine(TestData.TempDir(), "config.json");
        var patient = fixture.World.Actors[Who.OtherPatient];
        var (code, output, error) = Run("login", "--server", Server, "--email", patient.Email, "--password", patient.Password, "--config", config);
        Assert.True(code == 0, error);
        (code, output, error) = Run("classify-12lead", ClassifyEndpointTests.PtbXlStem(17), "--json", "--config", config);
        Assert.True(code == 0, error);
        var result = JsonDocument.Parse(output).RootElement;
        Assert.Equal("00017_lr.hea", result.GetProperty("record").GetString());
        Assert.Contains(result.GetProperty("statements").EnumerateArray(), s => s.GetProperty("code").GetString() == "AFIB" && s.GetProperty("present").GetBoolean());
        (code, _, error) = Run("classify-12lead", TestData.MitDbRecord("100"), "--config", config);
        Assert.Equal(CliRunner.ExitCodes.Failed, code);
        Assert.Contains("needs lead", error);
    }

    [ProviderFact]
    public void Wrong_passwords_and_missing_logins_fail_with_the_servers_reason()
    {
        var config = Path.Combine(TestData.TempDir(), "config.json");
        var (code, _, error) = Run("login", "--server", Server, "--email", fixture.World.Owner.Email, "--password", "wrong-wrong-1", "--config", config);
        Assert.Equal(CliRunner.ExitCodes.Failed, code);
        Assert.Contains("wrong e-mail or password", error);
        Assert.False(File.Exists(config));
        (code, _, error) = Run("recordings", "--config", config);
        Assert.Equal(CliRunner.ExitCodes.Usage, code);
        Assert.Contains("einthoven login", error);
    }

    private (int Code, string Output, string Error) Run(params string[] args)
    {
        var connection = new ServerConnection(_ => new HttpClient(fixture.Host.Handler()));
        var root = new RootCommand("test");
        foreach (var c in new[] { LoginCommand.Create(connection), UploadCommand.Create(connection), RecordingsCommand.Create(connection), DownloadCommand.Create(connection), ClassifyTwelveLeadCommand.Create(connection) })
            root.Subcommands.Add(c);
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliRunner.Run(root, args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}

[Collection("sqlite")]
public sealed class SqliteCliClientTests(SqliteFixture fixture) : CliClientTests(fixture);

[Collection("postgres"), UsesPostgres]
public sealed class PostgresCliClientTests(PostgresFixture fixture) : CliClientTests(fixture);
