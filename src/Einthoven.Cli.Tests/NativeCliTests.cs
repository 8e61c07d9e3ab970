using Einthoven.TestSupport;

namespace Einthoven.Cli.Tests;

/// <summary>The published native binary: detect and convert run in it, as the in-process commands do; the rest goes to the full CLI.</summary>
public class NativeCliTests(NativeCliFixture native) : IClassFixture<NativeCliFixture>
{
    [Fact]
    public void The_published_binary_is_native_code_and_detects_as_the_full_cli_does()
    {
        Assert.Equal("\u007fELF"u8.ToArray(), File.ReadAllBytes(native.Binary)[..4]);
        Assert.False(File.Exists(Path.ChangeExtension(native.Binary, ".dll")), "a native binary has no managed assembly beside it");

        var fast = TestData.TempDir();
        var (code, output, error) = native.Run(["detect", TestData.MitDbRecord("208"), "-o", fast]);
        Assert.True(code == 0, error);
        Assert.Contains("208.qrs", output);
        var inProcess = TestData.TempDir();
        Assert.Equal(0, CliHarness.Run("detect", TestData.MitDbRecord("208"), "-o", inProcess).Code);
        Assert.Equal(File.ReadAllBytes(Path.Combine(inProcess, "208.qrs")), File.ReadAllBytes(Path.Combine(fast, "208.qrs")));
    }

    [Fact]
    public void The_binary_runs_a_directory_of_records_and_fails_clearly()
    {
        var database = TestData.LinkedMitDbRecords("100", "101");
        var output = TestData.TempDir();
        var (code, _, error) = native.Run(["detect", database, "-o", output]);
        Assert.True(code == 0, error);
        Assert.True(File.Exists(Path.Combine(output, "100.qrs")) && File.Exists(Path.Combine(output, "101.qrs")));

        var (badLead, _, leadError) = native.Run(["detect", TestData.MitDbRecord("100"), "-o", output, "--lead", "7"]);
        Assert.Equal(CliRunner.ExitCodes.Usage, badLead);
        Assert.Contains("--lead", leadError);
        var (missing, _, missingError) = native.Run(["detect", Path.Combine(output, "nothing"), "-o", output]);
        Assert.NotEqual(0, missing);
        Assert.Equal(CliHarness.Run("detect", Path.Combine(output, "nothing"), "-o", output).Code, missing);
        Assert.Contains("nothing", missingError);
    }

    [Fact]
    public void Convert_runs_natively_and_writes_the_bytes_the_full_cli_writes()
    {
        var record = Path.Combine(TestData.PtbXl, "records100", "00000", "00001_lr");
        var fast = Path.Combine(TestData.TempDir(), "00001_lr.edf");
        var (code, _, error) = native.Run(["convert", record, fast]);
        Assert.True(code == 0, error);
        var inProcess = Path.Combine(TestData.TempDir(), "00001_lr.edf");
        Assert.Equal(0, CliHarness.Run("convert", record, inProcess).Code);
        Assert.Equal(File.ReadAllBytes(inProcess), File.ReadAllBytes(fast));
    }

    [Fact]
    public void Other_commands_go_to_the_full_cli_and_say_so_when_it_is_missing()
    {
        var fullCli = Path.Combine(AppContext.BaseDirectory, "einthoven.dll");
        var (code, output, error) = native.Run(["info", TestData.MitDbRecord("100")], fullCli);
        Assert.True(code == 0, error);
        Assert.Contains("MLII", output);

        var (missing, _, message) = native.Run(["info", TestData.MitDbRecord("100")]);
        Assert.Equal(CliRunner.ExitCodes.Failed, missing);
        Assert.Contains("full CLI", message);
    }
}
