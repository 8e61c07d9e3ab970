using System.Text.RegularExpressions;
using Einthoven.Models.Rhythm;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;
using Einthoven.Training.Rhythm;

namespace Einthoven.Cli.Tests;

public class RhythmCommandTests
{
    private static readonly string[] Records = ["A00001", "A00004", "A00005"];

    private static string Path(string name) => System.IO.Path.Combine(TestData.Cinc2017, name + ".hea");

    [Fact]
    public void Eval_rhythm_needs_a_ptbxl_or_mitbih_directory_and_says_so()
    {
        var (code, _, error) = CliHarness.Run("eval", "rhythm", TestData.TempDir());
        Assert.Equal(CliRunner.ExitCodes.NotFound, code);
        Assert.Contains("ptbxl_database.csv", error);
        Assert.Contains("RECORDS", error);
    }

    [Fact]
    public void Eval_rhythm_on_mitbih_tables_ds1_windows_by_reference_rhythm_and_names_the_false_af_records()
    {
        var (code, output, error) = CliHarness.Run("eval", "rhythm", TestData.MitDb);
        Assert.True(code == 0, error);
        Assert.Matches(new Regex(@"\W fibrillation\s+\W\s+\d+\s+\W"), output);
        Assert.Matches(new Regex(@"\W organised\s+\W\s+\d+\s+\W"), output);
        Assert.Matches(new Regex(@"by record:\s+(none|\d{3}: \d+)"), output);
    }

    [Fact]
    public void Csv_prints_one_record_label_line_per_record_matching_the_library()
    {
        var (code, output, error) = CliHarness.Run(["rhythm", .. Records.Select(Path), "--format", "csv"]);
        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Records.Length, lines.Length);
        var classifier = RhythmClassifier.LoadShipped();
        for (var i = 0; i < Records.Length; i++)
        {
            Assert.Matches(new Regex("^A0000[0-9],[NAO~]$"), lines[i].TrimEnd('\r'));
            var expected = classifier.Classify(RecordFiles.Read(Path(Records[i]))).Label;
            Assert.Equal($"{Records[i]},{expected}", lines[i].TrimEnd('\r'));
        }
    }

    [Fact]
    public void Text_shows_probabilities_and_bad_records_are_reported_without_stopping()
    {
        var missing = System.IO.Path.Combine(TestData.TempDir(), "broken.hea");
        File.WriteAllText(missing, "broken 1 300 100\nbroken.dat 16 1000 16 0 0 0 0 I\n");
        var (code, output, error) = CliHarness.Run("rhythm", missing, Path("A00001"));
        Assert.Equal(2, code);
        Assert.Contains("broken", error);
        Assert.Matches(new Regex(@"^A00001  [NAO~]  N=\d\.\d{3} A=\d\.\d{3} O=\d\.\d{3} ~=\d\.\d{3}\s*$"), output);
    }

    [Fact]
    public void Train_writes_weights_that_load_and_a_card_that_verifies_them()
    {
        var dir = TestData.TempDir();
        var (code, output, error) = CliHarness.Run("train", "rhythm", TestData.Cinc2017, "--limit", "60", "--folds", "2", "--epochs", "2", "-o", dir);
        Assert.True(code == 0, error);
        Assert.Contains("score (mean F1 of N, A, O)", output);
        var card = Einthoven.Learning.Serialization.ModelCard.Load(System.IO.Path.Combine(dir, "rhythm.card.json"));
        var weights = card.VerifiedWeightsPath(System.IO.Path.Combine(dir, "rhythm.card.json"));
        Assert.Contains("cv_score", card.Metrics.Keys);
        var classifier = RhythmClassifier.Load(weights);
        Assert.Equal(RhythmTrainingOptions.ShippedModel, classifier.Kind);
        Assert.Equal(4, classifier.Classify(RecordFiles.Read(Path("A00001"))).Probabilities.Count);
    }

    [Fact]
    public void Train_cnn_writes_a_network_over_the_signal_and_unknown_models_are_refused()
    {
        var dir = TestData.TempDir();
        var (code, _, error) = CliHarness.Run("train", "rhythm", TestData.Cinc2017, "--model", "cnn", "--limit", "40", "--folds", "0", "--epochs", "1", "-o", dir);
        Assert.True(code == 0, error);
        var classifier = RhythmClassifier.LoadCard(System.IO.Path.Combine(dir, "rhythm.card.json"));
        Assert.Equal(RhythmModelKind.Cnn, classifier.Kind);
        Assert.Contains(classifier.Classify(RecordFiles.Read(Path("A00001"))).Label, RhythmLabels.All);

        var (refused, _, message) = CliHarness.Run("train", "rhythm", TestData.Cinc2017, "--model", "rnn", "-o", dir);
        Assert.NotEqual(0, refused);
        Assert.Contains("rnn", message);
    }

    [Fact]
    public void Train_rhythm_resting_cross_validates_by_fold_and_writes_a_head_its_card_verifies()
    {
        var dir = TestData.TempDir();
        var (code, output, error) = CliHarness.Run("train", "rhythm-resting", TestData.PtbXl, "--limit", "120", "-o", dir);
        Assert.True(code == 0, error);
        Assert.Contains("leave-one-fold-out cross-validation", output);
        Assert.Contains("(chosen)", output);
        var head = RestingRhythmHead.LoadCard(System.IO.Path.Combine(dir, RestingRhythmHead.ShippedCardFile));
        Assert.Equal(RestingRhythmFeatures.Names, head.Features);

        var (refused, _, message) = CliHarness.Run("train", "rhythm-resting", TestData.TempDir(), "-o", dir);
        Assert.NotEqual(0, refused);
        Assert.Contains("ptbxl_database.csv", message);
    }
}
