using System.Text.Json;
using Einthoven.Evaluation.Qrs;
using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Wfdb;
using Einthoven.Signal.Records;
using Einthoven.TestSupport;

namespace Einthoven.Cli.Tests;

public class QrsCommandsTests
{
    [Fact]
    public void Detect_writes_a_qrs_file_that_scores_as_eval_reports()
    {
        var dir = TestData.TempDir();
        var (code, _, error) = CliHarness.Run("detect", TestData.MitDbRecord("208"), "-o", dir);
        Assert.True(code == 0, error);
        var written = WfdbAnnotationReader.Read(Path.Combine(dir, "208.qrs"));
        Assert.All(written, a => Assert.Equal("N", a.Symbol));

        // Scored independently: the written file against the reference annotations.
        var reference = RecordFiles.Read(TestData.MitDbRecord("208")).Annotations["atr"];
        var independent = QrsProtocol.Evaluate(reference, written.Select(a => a.Sample).ToArray(), 360).Score;

        var (evalCode, output, evalError) = CliHarness.Run("eval", "qrs", TestData.MitDb, "--records", "208", "--json");
        Assert.True(evalCode == 0, evalError);
        using var json = JsonDocument.Parse(output);
        var row = json.RootElement.GetProperty("Records")[0];
        Assert.Equal("208", row.GetProperty("Record").GetString());
        Assert.Equal(independent.TruePositives, row.GetProperty("TruePositives").GetInt32());
        Assert.Equal(independent.FalseNegatives, row.GetProperty("FalseNegatives").GetInt32());
        Assert.Equal(independent.FalsePositives, row.GetProperty("FalsePositives").GetInt32());
        Assert.Equal(2955, independent.ReferenceBeats);
        Assert.True(independent.Sensitivity > 0.99 && independent.PositivePredictivity > 0.99, independent.ToString());
        Assert.Equal(independent.F1, json.RootElement.GetProperty("Total").GetProperty("F1").GetDouble(), 12);
    }

    [Fact]
    public void Detect_to_a_file_path_and_on_another_lead()
    {
        var path = Path.Combine(TestData.TempDir(), "sub", "beats.qrs");
        var (code, output, error) = CliHarness.Run("detect", TestData.MitDbRecord("100"), "-o", path, "--lead", "1");
        Assert.True(code == 0, error);
        Assert.Contains("beats", output);
        var beats = WfdbAnnotationReader.Read(path);
        Assert.InRange(beats.Count, 2260, 2290);
    }

    [Fact]
    public void Eval_prints_a_table_with_the_total_and_the_worst_record()
    {
        var (code, output, error) = CliHarness.Run("eval", "qrs", TestData.MitDb, "--records", "100,105");
        Assert.True(code == 0, error);
        var text = System.Text.RegularExpressions.Regex.Replace(output, "\u001b\\[[0-9;]*m", "");
        Assert.Contains("total", text);
        Assert.Contains("worst record: 105", text);
    }

    [Fact]
    public void Bad_input_gives_a_clear_error_and_exit_code()
    {
        var (code, _, error) = CliHarness.Run("eval", "qrs", Path.Combine(TestData.TempDir(), "missing"));
        Assert.Equal(CliRunner.ExitCodes.NotFound, code);
        Assert.Contains("missing", error);

        var (badRecord, _, badError) = CliHarness.Run("eval", "qrs", TestData.MitDb, "--records", "999");
        Assert.Equal(CliRunner.ExitCodes.Usage, badRecord);
        Assert.Contains("999", badError);

        var (badSnr, _, snrError) = CliHarness.Run("eval", "noise", TestData.MitDb, "--snr", "6,loud");
        Assert.Equal(CliRunner.ExitCodes.Usage, badSnr);
        Assert.Contains("loud", snrError);
        var (badNoise, _, noiseError) = CliHarness.Run("eval", "noise", TestData.MitDb, "--noise", "em,hum");
        Assert.Equal(CliRunner.ExitCodes.Usage, badNoise);
        Assert.Contains("hum", noiseError);

        var (badLead, _, leadError) = CliHarness.Run("detect", TestData.MitDbRecord("100"), "-o", TestData.TempDir(), "--lead", "5");
        Assert.Equal(CliRunner.ExitCodes.Usage, badLead);
        Assert.Contains("--lead", leadError);
    }
}
