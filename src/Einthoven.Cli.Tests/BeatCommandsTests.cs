using Einthoven.Signal.Formats.Wfdb;
using Einthoven.TestSupport;

namespace Einthoven.Cli.Tests;

public class BeatCommandsTests
{
    [Fact]
    public void Classify_into_a_directory_writes_a_valid_annotation_file_named_after_the_record()
    {
        var dir = TestData.TempDir();
        var (code, output, error) = CliHarness.Run("classify", TestData.MitDbRecord("100"), "-o", dir);
        Assert.True(code == 0, error);
        var path = Path.Combine(dir, "100.cls");
        Assert.Contains("100.cls", output);
        var annotations = WfdbAnnotationReader.Read(path);
        Assert.InRange(annotations.Count, 2250, 2300);
        Assert.All(annotations, a => Assert.Contains(a.Symbol, new[] { "N", "S", "V", "F", "Q" }));
        Assert.True(annotations.Zip(annotations.Skip(1)).All(p => p.First.Sample < p.Second.Sample));
        Assert.True(annotations.Count(a => a.Symbol == "N") > 0.95 * annotations.Count);
    }

    [Fact]
    public void Classify_to_a_file_path_writes_exactly_there()
    {
        var path = Path.Combine(TestData.TempDir(), "sub", "beats.ann");
        var (code, _, error) = CliHarness.Run("classify", TestData.MitDbRecord("100"), "--output", path);
        Assert.True(code == 0, error);
        Assert.NotEmpty(WfdbAnnotationReader.Read(path));
    }

    [Fact]
    public void Classify_with_a_broken_model_card_fails_with_bad_input()
    {
        var card = Path.Combine(TestData.TempDir(), "beats.card.json");
        File.WriteAllText(card, "{ not json");
        var (code, _, error) = CliHarness.Run("classify", TestData.MitDbRecord("100"), "-o", TestData.TempDir(), "--model", card);
        Assert.Equal(CliRunner.ExitCodes.BadInput, code);
        Assert.Contains("beats.card.json", error);
    }

    [Fact]
    public void Train_and_eval_report_a_missing_database_directory()
    {
        var missing = Path.Combine(TestData.TempDir(), "no-mitdb");
        Assert.Equal(CliRunner.ExitCodes.NotFound, CliHarness.Run("train", "beats", missing).Code);
        Assert.Equal(CliRunner.ExitCodes.NotFound, CliHarness.Run("eval", "beats", missing).Code);
    }

    [Fact]
    public void Eval_beats_scores_another_database_whole_and_says_which_records_it_left_out()
    {
        var dir = TestData.LinkedMitDbRecords("101", "102");
        var (code, output, error) = CliHarness.Run("eval", "beats", dir, "--per-record");
        Assert.True(code == 0, error);
        Assert.Contains("paced beats in the reference: 102", output);
        Assert.Contains("101: N ", output);
        Assert.DoesNotContain("102: N ", output);
        Assert.Contains("1 record of", output);
        Assert.DoesNotContain("de Chazal", output);

        var (missingCode, _, missingError) = CliHarness.Run("eval", "beats", dir, "--records", "101,999");
        Assert.Equal(CliRunner.ExitCodes.NotFound, missingCode);
        Assert.Contains("999", missingError);
    }

    [Fact]
    public void Train_refuses_a_single_fold()
    {
        var (code, _, error) = CliHarness.Run("train", "beats", TestData.MitDb, "--folds", "1");
        Assert.Equal(CliRunner.ExitCodes.Usage, code);
        Assert.Contains("--folds", error);
    }

    [Fact]
    public void Cross_validation_alone_needs_folds_and_augmentation_must_be_in_range()
    {
        var (code, _, error) = CliHarness.Run("train", "beats", TestData.MitDb, "--cv-only", "--folds", "0");
        Assert.Equal(CliRunner.ExitCodes.Usage, code);
        Assert.Contains("--cv-only", error);
        Assert.NotEqual(CliRunner.ExitCodes.Ok, CliHarness.Run("train", "beats", TestData.MitDb, "--cv-only", "--noise", "-1").Code);
    }

    [Fact]
    public void Train_refuses_rates_out_of_range_and_a_record_both_trained_on_and_held_out()
    {
        foreach (var rates in new[] { "50", "128,abc", "2000" })
        {
            var (code, _, error) = CliHarness.Run("train", "beats", TestData.MitDb, "--cv-only", "--resample-to", rates);
            Assert.Equal(CliRunner.ExitCodes.Usage, code);
            Assert.Contains("--resample-to", error);
        }
        var (bothCode, _, bothError) = CliHarness.Run("train", "beats", TestData.MitDb, "--standard-records", "100,119", "--holdout-records", "119");
        Assert.Equal(CliRunner.ExitCodes.Usage, bothCode);
        Assert.Contains("119", bothError);
    }
}
