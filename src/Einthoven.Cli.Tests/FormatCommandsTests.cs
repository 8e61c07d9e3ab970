using System.Text.Json;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;

namespace Einthoven.Cli.Tests;

public class FormatCommandsTests
{
    private static readonly string Record100 = TestData.MitDbRecord("100");

    [Fact]
    public void Info_json_reports_leads_rate_duration_and_annotation_counts()
    {
        var (code, output, error) = CliHarness.Run("info", Record100, "--json");
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(360, root.GetProperty("SamplingFrequency").GetDouble());
        Assert.Equal(650000, root.GetProperty("SampleCount").GetInt64());
        var leads = root.GetProperty("Leads").EnumerateArray().Select(l => l.GetProperty("Name").GetString()!).ToArray();
        Assert.Equal(["MLII", "V5"], leads);
        var atr = root.GetProperty("AnnotationCounts").GetProperty("atr");
        Assert.Equal(2239, atr.GetProperty("N").GetInt32());
        Assert.Equal(33, atr.GetProperty("A").GetInt32());
        Assert.Equal(1, atr.GetProperty("V").GetInt32());
    }

    [Fact]
    public void Info_accepts_the_header_path_too()
    {
        var (code, output, _) = CliHarness.Run("info", Record100 + ".hea");
        Assert.Equal(0, code);
        Assert.Contains("MLII", output);
        Assert.Contains("360 Hz", output);
    }

    [Theory]
    [InlineData("edf")]
    [InlineData("csv")]
    [InlineData("wfdb")]
    public void Convert_then_read_back_keeps_the_samples(string format)
    {
        var dir = TestData.TempDir();
        var outPath = Path.Combine(dir, format == "wfdb" ? "copy.hea" : "copy." + format);
        var (code, _, error) = CliHarness.Run("convert", Record100, outPath);
        Assert.True(code == 0, error);

        var original = RecordFiles.Read(Record100);
        var copy = RecordFiles.Read(outPath);
        Assert.Equal(original.Info.SampleCount, copy.Info.SampleCount);
        for (var lead = 0; lead < 2; lead++)
        {
            var a = original.Physical(lead);
            var b = copy.Physical(lead);
            var step = 1 / Math.Min(original.Info.Leads[lead].Gain, copy.Info.Leads[lead].Gain);
            for (var i = 0; i < a.Length; i += 997) Assert.InRange(Math.Abs(a[i] - b[i]), 0, step);
        }
    }

    [Fact]
    public void Annotations_csv_lists_every_annotation_of_the_record()
    {
        var (code, output, error) = CliHarness.Run("annotations", Record100, "--ann", "atr", "--format", "csv");
        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("time_s,sample,symbol,subtype,channel,number,aux", lines[0].TrimEnd('\r'));
        var expected = RecordFiles.Read(Record100).Annotations["atr"].Count;
        Assert.Equal(expected, lines.Length - 1);
        Assert.Equal(33, lines.Count(l => l.Split(',')[2] == "A"));
    }

    [Fact]
    public void Missing_file_exits_non_zero_with_a_message_naming_it()
    {
        var (code, _, error) = CliHarness.Run("info", "/nonexistent/rec.edf");
        Assert.NotEqual(0, code);
        Assert.Contains("/nonexistent/rec.edf", error);
    }

    [Fact]
    public void Csv_without_rate_is_rejected_with_instructions()
    {
        var path = Path.Combine(TestData.TempDir(), "plain.csv");
        File.WriteAllLines(path, ["0.1,0.2", "0.3,0.4"]);
        var (code, _, error) = CliHarness.Run("info", path);
        Assert.Equal(CliRunner.ExitCodes.BadInput, code);
        Assert.Contains("--fs", error);
    }

    [Fact]
    public void Unknown_annotator_is_a_usage_error_listing_what_exists()
    {
        var (code, _, error) = CliHarness.Run("annotations", Record100, "--ann", "nope");
        Assert.Equal(CliRunner.ExitCodes.Usage, code);
        Assert.Contains("atr", error);
    }
}
