using System.Text.Json;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;
using Einthoven.TestSupport;

namespace Einthoven.Cli.Tests;

public class AnalyzeCommandTests
{
    private static readonly string Ptb1 = Path.Combine(TestData.PtbXl, "records100", "00000", "00001_lr.hea");

    [Fact]
    public void Json_report_has_the_stable_contract_and_the_disclaimer()
    {
        var (code, output, error) = CliHarness.Run("analyze", Ptb1, "--json");
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        foreach (var name in new[] { "record", "samplingFrequency", "durationSeconds", "leads", "beats", "heartRate", "hrvTime", "hrvFrequency", "intervals", "quality", "pacing", "disclaimer" })
            Assert.True(root.TryGetProperty(name, out _), $"missing '{name}'");
        Assert.Contains("not a certified medical device", root.GetProperty("disclaimer").GetString());
        var intervals = root.GetProperty("intervals");
        foreach (var name in new[] { "prMs", "qrsMs", "qtMs", "qtcBazettMs", "qtcFridericiaMs", "pAxis", "qrsAxis", "tAxis" })
            Assert.True(intervals.TryGetProperty(name, out _), $"missing intervals.{name}");
        Assert.InRange(root.GetProperty("heartRate").GetProperty("meanBpm").GetDouble(), 55, 75);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("hrvFrequency").ValueKind);
        Assert.False(root.GetProperty("pacing").GetProperty("pacedRhythm").GetBoolean());
        var rhythm = root.GetProperty("rhythm");
        Assert.Equal("I, II, III, AVR, AVL, AVF, V1, V2, V3, V4, V5, V6", rhythm.GetProperty("lead").GetString()); // a resting 12-lead ECG is read on every lead
        Assert.Equal(["N", "A", "O", "~"], rhythm.GetProperty("probabilities").EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, rhythm.GetProperty("probabilities").EnumerateObject().Sum(p => p.Value.GetDouble()), 2);
        var byClass = root.GetProperty("beats").GetProperty("byClass");
        Assert.Equal(["N", "S", "V", "F", "Q"], byClass.EnumerateObject().Select(p => p.Name));
        Assert.InRange(byClass.GetProperty("N").GetInt32(), 8, 12); // 10 s at about 60 bpm
        Assert.Equal(["beats", "einthoven-rhythm", "einthoven-pacemaker", "einthoven-twelve-lead"],
            root.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("name").GetString()));
        Assert.Contains(root.GetProperty("statements").GetProperty("statements").EnumerateArray(), s => s.GetProperty("code").GetString() == "NORM");
    }

    [Fact]
    public void Text_output_of_an_af_record_names_the_rhythm_with_its_probabilities_and_the_beat_classes()
    {
        var (code, output, error) = CliHarness.Run("analyze", Path.Combine(TestData.Cinc2017, "A00004.hea"));
        Assert.True(code == 0, error);
        var plain = Plain(output);
        Assert.Contains("│ Rhythm │ atrial fibrillation (A), lead ECG │", plain);
        Assert.Matches(@"│ Rhythm probabilities │ N 0\.\d\d A 0\.\d\d O 0\.\d\d ~ 0\.\d\d │", plain);
        Assert.Matches(@"│ Beats by class │ N \d+ S \d+ V \d+ F \d+ Q \d+ │", plain);
        Assert.Contains("Models: beats", plain);
    }

    [Fact]
    public void A_record_too_short_for_the_rhythm_model_is_inconclusive_with_the_reason()
    {
        var dir = TestData.TempDir();
        var path = Path.Combine(dir, "short.hea");
        var record = RecordFiles.Read(Path.Combine(TestData.Cinc2017, "A00001.hea"));
        RecordFiles.Write(new EcgRecord(record.Info with { Name = "short", SampleCount = 1500 }, [record.Samples[0][..1500]]), path);
        var (code, output, error) = CliHarness.Run("analyze", path);
        Assert.True(code == 0, error);
        var plain = Plain(output);
        Assert.Contains("│ Rhythm │ inconclusive (~), lead ECG │", plain);
        Assert.Contains("Rhythm inconclusive: the record is 5 s long; the rhythm model needs at least 9 s", plain);
        Assert.DoesNotContain("Rhythm probabilities", plain);
    }

    [Fact]
    public void Table_output_names_the_measures_and_warns()
    {
        var (code, output, error) = CliHarness.Run("analyze", Ptb1);
        Assert.True(code == 0, error);
        Assert.True(output.Contains("QTc Bazett"), output);
        Assert.Contains("Signal quality", output);
        Assert.Contains("not a certified medical device", Plain(output));
    }

    /// <summary>Output without ANSI colour codes and with every run of whitespace (console wrapping) as one space.</summary>
    private static string Plain(string output) =>
        System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(output, @"\x1b\[[0-9;]*m", ""), @"\s+", " ");

    [Fact]
    public void Missing_record_gives_not_found()
    {
        var (code, _, error) = CliHarness.Run("analyze", Path.Combine(TestData.TempDir(), "nothing.hea"));
        Assert.NotEqual(0, code);
        Assert.NotEmpty(error);
    }

    [Fact]
    public void Eval_delineation_runs_on_a_subset_and_reports_agreements()
    {
        var (code, output, error) = CliHarness.Run("eval", "delineation", TestData.PtbXl, "--limit", "40", "--json");
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var norm = json.RootElement.EnumerateArray().First(a => a.GetProperty("group").GetString() == "NORM");
        Assert.True(norm.GetProperty("records").GetInt32() >= 15);
        Assert.True(norm.GetProperty("percent").GetDouble() >= 85);
    }

    [Fact]
    public void Eval_delineation_tells_ludb_by_its_files_and_scores_both_expert_references()
    {
        var (code, output, error) = CliHarness.Run("eval", "delineation", TestData.Ludb, "--limit", "3", "--json");
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(["MedianOfLeads", "EarliestToLatest"], json.RootElement.EnumerateArray().Select(r => r.GetProperty("reference").GetString()));
        var qrs = json.RootElement[0].GetProperty("detection").EnumerateArray().Single(d => d.GetProperty("wave").GetString() == "QRS");
        Assert.True(qrs.GetProperty("matched").GetInt32() >= 20);
    }

    [Fact]
    public void Eval_delineation_refuses_a_missing_folder_and_a_bad_rate()
    {
        var (code, _, error) = CliHarness.Run("eval", "delineation", Path.Combine(TestData.TempDir(), "none"));
        Assert.Equal(CliRunner.ExitCodes.NotFound, code);
        Assert.Contains("LUDB or PTB-XL", error);
        (code, _, error) = CliHarness.Run("eval", "delineation", TestData.Ludb, "--resample", "0");
        Assert.NotEqual(0, code);
        Assert.Contains("--resample", error);
    }

    [Fact]
    public void Eval_pacing_refuses_a_folder_it_cannot_label()
    {
        var (code, _, error) = CliHarness.Run("eval", "pacing", TestData.TempDir());
        Assert.Equal(CliRunner.ExitCodes.NotFound, code);
        Assert.Contains("RECORDS", error);
    }
}
