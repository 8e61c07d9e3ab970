using System.Text.Json;
using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Wfdb;
using Einthoven.TestSupport;

namespace Einthoven.Cli.Tests;

/// <summary>The record-taking commands over many records, a directory or a RECORDS list in one process.</summary>
public class BatchCommandsTests
{
    private static readonly string[] Ptb = ["00001_lr", "00002_lr", "00003_lr"];

    private static string PtbPath(string name) => Path.Combine(TestData.PtbXl, "records100", "00000", name);

    [Fact]
    public void Detect_over_a_directory_writes_each_records_beats_as_the_library_detects_them()
    {
        var database = TestData.LinkedMitDbRecords("100", "208", "232");
        var output = TestData.TempDir();
        var (code, stdout, error) = CliHarness.Run("detect", database, "-o", output + "/");
        Assert.True(code == 0, error);
        foreach (var record in new[] { "100", "208", "232" })
        {
            using var reader = RecordFiles.Open(Path.Combine(database, record));
            var expected = QrsDetector.Detect(reader, 0);
            Assert.Equal(expected, WfdbAnnotationReader.Read(Path.Combine(output, record + ".qrs")).Select(a => a.Sample).ToArray());
        }
        // Reported in the order given, one line each, whatever order the cores finished in.
        Assert.Matches(@"(?s)100\.qrs.*208\.qrs.*232\.qrs", stdout);
    }

    [Fact]
    public void A_records_list_names_the_records_beside_it_and_a_bad_one_fails_alone()
    {
        var database = TestData.LinkedMitDbRecords("100", "101");
        File.WriteAllText(Path.Combine(database, "RECORDS"), "100\n# a comment\nmissing\n101\n");
        var output = TestData.TempDir();
        var (code, _, error) = CliHarness.Run("detect", Path.Combine(database, "RECORDS"), "-o", output);
        Assert.Equal(CliRunner.ExitCodes.BadInput, code);
        Assert.Contains("missing", error);
        Assert.True(File.Exists(Path.Combine(output, "100.qrs")) && File.Exists(Path.Combine(output, "101.qrs")));
    }

    [Fact]
    public void Many_records_into_one_file_or_one_name_twice_is_a_usage_error()
    {
        var (code, _, error) = CliHarness.Run("detect", TestData.MitDbRecord("100"), TestData.MitDbRecord("101"), "-o", Path.Combine(TestData.TempDir(), "x.qrs"));
        Assert.Equal(CliRunner.ExitCodes.Usage, code);
        Assert.Contains("directory", error);

        var other = TestData.LinkedMitDbRecords("100");
        var (twice, _, twiceError) = CliHarness.Run("detect", TestData.MitDbRecord("100"), Path.Combine(other, "100"), "-o", TestData.TempDir());
        Assert.Equal(CliRunner.ExitCodes.Usage, twice);
        Assert.Contains("twice", twiceError);

        var (empty, _, emptyError) = CliHarness.Run("detect", TestData.TempDir(), "-o", TestData.TempDir());
        Assert.Equal(CliRunner.ExitCodes.NotFound, empty);
        Assert.Contains("RECORDS", emptyError);
    }

    [Fact]
    public void Classify_rhythm_and_analyze_take_many_records_and_agree_with_one_at_a_time()
    {
        var paths = Ptb.Select(PtbPath).ToArray();
        var output = TestData.TempDir();
        var (code, _, error) = CliHarness.Run(["classify", .. paths, "-o", output]);
        Assert.True(code == 0, error);
        var single = TestData.TempDir();
        Assert.Equal(0, CliHarness.Run("classify", paths[1], "-o", single).Code);
        Assert.Equal(File.ReadAllBytes(Path.Combine(single, "00002_lr.cls")), File.ReadAllBytes(Path.Combine(output, "00002_lr.cls")));

        var (rhythmCode, csv, rhythmError) = CliHarness.Run(["rhythm", .. paths, "--format", "csv"]);
        Assert.True(rhythmCode == 0, rhythmError);
        Assert.Equal(Ptb, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')[0]));

        var (analyzeCode, json, analyzeError) = CliHarness.Run(["analyze", .. paths, "--json"]);
        Assert.True(analyzeCode == 0, analyzeError);
        using var reports = JsonDocument.Parse(json);
        Assert.Equal(Ptb, reports.RootElement.EnumerateArray().Select(r => r.GetProperty("record").GetString()));
        using var one = JsonDocument.Parse(CliHarness.Run("analyze", paths[2], "--json").Out);
        Assert.Equal(one.RootElement.GetProperty("heartRate").GetProperty("meanBpm").GetDouble(), reports.RootElement[2].GetProperty("heartRate").GetProperty("meanBpm").GetDouble());
        Assert.Equal(one.RootElement.GetProperty("beats").GetProperty("detected").GetInt32(), reports.RootElement[2].GetProperty("beats").GetProperty("detected").GetInt32());
    }

    [Fact]
    public void Convert_and_plot_write_one_file_per_record_into_a_directory()
    {
        var paths = Ptb.Select(PtbPath).ToArray();
        var converted = TestData.TempDir();
        var (code, _, error) = CliHarness.Run(["convert", .. paths, converted, "--to", "edf"]);
        Assert.True(code == 0, error);
        foreach (var name in Ptb)
            Assert.Equal(RecordFiles.Read(PtbPath(name)).Info.SampleCount, RecordFiles.Read(Path.Combine(converted, name + ".edf")).Info.SampleCount);
        var (noFormat, _, noFormatError) = CliHarness.Run(["convert", .. paths, converted]);
        Assert.Equal(CliRunner.ExitCodes.Usage, noFormat);
        Assert.Contains("--to", noFormatError);

        var images = TestData.TempDir();
        var (plotCode, _, plotError) = CliHarness.Run(["plot", .. paths, "-o", images, "--image", "png"]);
        Assert.True(plotCode == 0, plotError);
        Assert.All(Ptb, name => Assert.Equal(0x89, File.ReadAllBytes(Path.Combine(images, name + ".png"))[0]));
    }
}
