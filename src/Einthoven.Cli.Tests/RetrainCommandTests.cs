using System.Text.Json.Nodes;
using Einthoven.Learning.Serialization;
using Einthoven.Models.Beats;
using Einthoven.Models.Verified;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;

namespace Einthoven.Cli.Tests;

public class RetrainCommandTests
{
    [Fact]
    public void A_small_champion_and_a_challenger_trained_with_verified_beats_are_compared_in_a_report()
    {
        string[] tiny = ["--standard-records", "119", "--epochs", "1", "--ensemble", "1", "--threads", "2"];
        var champion = Path.Combine(TestData.TempDir(), "champion");
        var (championCode, _, championError) = CliHarness.Run(["train", "beats", TestData.MitDb, "--holdout-records", "", "--folds", "0", "-o", champion, .. tiny]);
        Assert.True(championCode == 0, championError);
        var championCard = Path.Combine(champion, "beats.card.json");
        Assert.Equal("training and cross-validation: 119; evaluation: none", ModelCard.Load(championCard).Split);
        Assert.Empty(ModelCard.Load(championCard).Metrics);

        var dataset = Dataset(("233", false), ("200", true));
        var output = Path.Combine(TestData.TempDir(), "out");
        var (code, stdout, error) = CliHarness.Run(["train", "beats", TestData.MitDb, "--with-verified", dataset.Directory, "--holdout-records", "",
            "--champion", championCard, "-o", output, "--bootstrap", "200", .. tiny]);
        Assert.True(code == 0, error);
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "report.json")))!;
        Assert.Equal(dataset.Id, (string?)report["dataset"]);
        Assert.Equal(["v200"], report["holdout"]!["records"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(ModelCard.Load(championCard).WeightsSha256, (string?)report["champion"]!["weights_sha256"]);
        var challenger = BeatClassifier.Load((string)report["challenger"]!["card"]!);
        Assert.Equal(challenger.Card!.WeightsSha256, (string?)report["challenger"]!["weights_sha256"]);
        Assert.Equal("119", challenger.Card.Details["standard_records"]);
        Assert.Equal("v233", challenger.Card.Details["verified_records"]);
        var promote = (bool)report["promote"]!;
        Assert.Equal(promote, (double)report["difference"]! > (double)report["required"]!);
        Assert.Contains("mean_f1_nsv", stdout);
        Assert.Contains(promote ? "promote the challenger" : "keep the champion", stdout);
    }

    [Fact]
    public void Train_beats_with_verified_names_what_is_wrong_with_its_input()
    {
        var dataset = Dataset(("233", false)).Directory;
        string[] Args(string holdout, params string[] more) =>
            ["train", "beats", TestData.MitDb, "--with-verified", dataset, "--standard-records", "119", "--holdout-records", holdout, "--champion", BeatClassifier.ShippedCardPath, .. more];

        AssertFails(CliRunner.ExitCodes.Usage, "--champion", "train", "beats", TestData.MitDb, "--with-verified", dataset);
        AssertFails(CliRunner.ExitCodes.Usage, "119", Args("100,119"));
        AssertFails(CliRunner.ExitCodes.Usage, "--folds", Args("100", "--folds", "5"));
        AssertFails(CliRunner.ExitCodes.Usage, "margin", Args("100", "--margin", "lots"));
        AssertFails(CliRunner.ExitCodes.Usage, "--with-verified", "train", "beats", TestData.MitDb, "--champion", BeatClassifier.ShippedCardPath);
        AssertFails(CliRunner.ExitCodes.NotFound, "999", Args("999"));
        AssertFails(CliRunner.ExitCodes.NotFound, "no-dataset", ["train", "beats", TestData.MitDb, "--with-verified", Path.Combine(dataset, "no-dataset"), "--champion", BeatClassifier.ShippedCardPath]);
        File.AppendAllText(Path.Combine(dataset, "v233.atr"), "x");
        AssertFails(CliRunner.ExitCodes.BadInput, "v233.atr", Args("100"));
    }

    [Fact]
    public void A_verified_dataset_reads_back_with_info_and_annotations_with_both_label_sets()
    {
        var dataset = Dataset(("208", false));
        var record = dataset.RecordPath(dataset.Records[0]);
        var (code, info, error) = CliHarness.Run("info", record, "--json");
        Assert.True(code == 0, error);
        var counts = JsonNode.Parse(info)!["AnnotationCounts"]!;
        Assert.Equal(dataset.Records[0].Beats, counts["atr"]!.AsObject().Sum(c => (int)c.Value!));
        Assert.Equal(dataset.Records[0].Beats, (int)counts["ai"]!["N"]!);

        var (_, physician) = dataset.Read(dataset.Records[0]);
        Assert.Equal(physician.Select(a => $"{a.Sample},{a.Symbol}"), Listed(record, "atr"));
        Assert.All(Listed(record, "ai"), line => Assert.EndsWith(",N", line));
        Assert.Contains(Listed(record, "atr"), line => line.EndsWith(",V", StringComparison.Ordinal));
    }

    private static IEnumerable<string> Listed(string record, string annotator)
    {
        var (code, output, error) = CliHarness.Run("annotations", record, "-a", annotator, "--format", "csv");
        Assert.True(code == 0, error);
        return output.Split("\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => string.Join(",", l.Split(",")[1..3])).ToList();
    }

    private static void AssertFails(int expected, string named, params string[] args)
    {
        var (code, _, error) = CliHarness.Run(args);
        Assert.True(code == expected, $"exit {code}, expected {expected}: {error}");
        Assert.Contains(named, error);
    }

    // The first five minutes of MIT-BIH records as recordings "vNNN" of patients "pNNN"; the physicians' labels are
    // the reference, the AI called every beat N.
    private static VerifiedDataset Dataset(params (string Record, bool Holdout)[] records) =>
        VerifiedDatasetWriter.Write(Path.Combine(TestData.TempDir(), "dataset"), records.Select(r =>
        {
            using var slice = new RecordSlice(RecordFiles.Open(TestData.MitDbRecord(r.Record)), 0, 5 * 60 * 360);
            var ecg = RecordFiles.ReadAll(slice);
            var beats = VerifiedBeat.FromAnnotations(ecg.Annotations["atr"]);
            return new VerifiedRecording("v" + r.Record, "p" + r.Record, r.Holdout, ecg, beats, beats.Select(b => b with { Class = AamiClass.N }).ToList());
        }).ToList(), new DateOnly(2026, 12, 7));
}
