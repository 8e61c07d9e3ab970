using System.Text.Json;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;

namespace Einthoven.Cli.Tests;

public class ScpCommandsTests
{
    private static readonly string TwelveLead = Path.Combine(TestData.PtbXl, "records100", "00000", "00001_lr");

    [Fact]
    public void Convert_to_scp_then_info_and_back_to_edf_keeps_leads_encoding_and_samples()
    {
        var dir = TestData.TempDir();
        var scp = Path.Combine(dir, "ecg.scp");
        var (code, _, error) = CliHarness.Run("convert", TwelveLead, scp);
        Assert.True(code == 0, error);

        (code, var output, error) = CliHarness.Run("info", scp, "--json");
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(100, root.GetProperty("SamplingFrequency").GetDouble());
        Assert.Equal(["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"],
            root.GetProperty("Leads").EnumerateArray().Select(l => l.GetProperty("Name").GetString()));
        Assert.Equal("Huffman (default table), second differences", root.GetProperty("Metadata").GetProperty("scp_encoding").GetString());

        (code, output, error) = CliHarness.Run("info", scp);
        Assert.True(code == 0, error);
        Assert.Contains("scp_encoding", output);

        var edf = Path.Combine(dir, "back.edf");
        (code, _, error) = CliHarness.Run("convert", scp, edf);
        Assert.True(code == 0, error);
        var (original, back) = (RecordFiles.Read(TwelveLead), RecordFiles.Read(edf));
        for (var lead = 0; lead < 12; lead++)
            Assert.All(original.Physical(lead).Zip(back.Physical(lead)), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 1 / original.Info.Leads[lead].Gain));
    }

    [Fact]
    public void A_half_hour_holter_record_is_refused_as_too_long_for_scp()
    {
        var (code, _, error) = CliHarness.Run("convert", TestData.MitDbRecord("100"), Path.Combine(TestData.TempDir(), "long.scp"));
        Assert.NotEqual(0, code);
        Assert.Contains("65535 bytes per lead", error);
    }
}
