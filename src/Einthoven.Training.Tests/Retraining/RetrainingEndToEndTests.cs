using System.Diagnostics;
using Einthoven.Evaluation.Databases;
using Einthoven.Learning.Tensors;
using Einthoven.Models.Beats;
using Einthoven.Models.Verified;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;
using Einthoven.Training.Beats;
using Einthoven.Training.Retraining;
using Xunit.Abstractions;

namespace Einthoven.Training.Tests.Retraining;

/// <summary>
/// The retraining loop of issue 25 on real data, in the tiny configuration the server's end-to-end test copies: a
/// champion trained on three DS1 records; physician labels equal to the MIT-BIH reference of five DS2 records promote
/// the challenger, and the same labels shuffled within each record do not; the holdout is the other 16 DS2 records.
/// </summary>
public class RetrainingEndToEndTests(ITestOutputHelper output)
{
    // 112 and 115 are normal sinus rhythm, 116 has one PVC shape (109 V): the champion knows little of S and V.
    public static readonly IReadOnlyList<string> Standard = ["112", "115", "116"];

    // DS2 records rich in S (232, 222) and V (200, 233, 221).
    public static readonly IReadOnlyList<string> Verified = ["232", "222", "200", "233", "221"];

    public static readonly IReadOnlyList<string> Holdout = DeChazalSplit.Ds2.Except(Verified).ToList();

    // Seeds 1-4 all promote with the true labels (difference 1.3-2.3 CI half-widths) and reject the shuffled ones
    // (negative differences); 4 has the widest margins.
    public static readonly BeatTrainingOptions Tiny = new() { Epochs = 2, EnsembleSize = 1, Seed = 4, Threads = 2 };

    [Fact]
    public void Physician_labels_of_new_patients_promote_the_challenger_and_the_same_labels_shuffled_do_not()
    {
        var root = TestData.TempDir();
        var watch = Stopwatch.StartNew();
        var champion = BeatModelBuilder.Build(TestData.MitDb, Path.Combine(root, "champion"),
            new BeatBuildOptions { Training = Tiny, TrainingRecords = Standard, EvaluationRecords = [], CrossValidationFolds = 0 });
        output.WriteLine($"champion: {watch.Elapsed.TotalSeconds:0.0} s");

        var truth = Retrain(root, "truth", champion.CardPath, shuffled: false);
        Assert.True(truth.Report.Promote, Figures(truth.Report));
        Assert.Equal(Holdout, truth.Report.Holdout.Records);
        Assert.Equal(Verified.Select(r => "v" + r), truth.Report.VerifiedRecords);
        Assert.Equal(champion.Card.WeightsSha256, truth.Report.Champion.WeightsSha256);
        var challenger = BeatClassifier.Load(truth.CardPath);
        Assert.Equal(truth.Report.Challenger.WeightsSha256, challenger.Card!.WeightsSha256);
        Assert.Equal(truth.Report.Dataset, challenger.Card.Details["verified_dataset"]);
        Assert.Equal(string.Join(" ", Holdout), challenger.Card.Details["holdout_records"]);

        var shuffled = Retrain(root, "shuffled", champion.CardPath, shuffled: true);
        Assert.False(shuffled.Report.Promote, Figures(shuffled.Report));
        Assert.Equal(truth.Report.Champion.Value, shuffled.Report.Champion.Value);
        Assert.NotEqual(truth.Report.Dataset, shuffled.Report.Dataset);
    }

    private BeatRetrainingResult Retrain(string root, string name, string championCard, bool shuffled)
    {
        var watch = Stopwatch.StartNew();
        var dataset = WriteDataset(Path.Combine(root, name), Verified, shuffled);
        var result = BeatRetraining.Run(new BeatRetrainingOptions
        {
            StandardDatabase = TestData.MitDb, VerifiedDataset = dataset.Directory, ChampionCard = championCard, OutputDirectory = Path.Combine(root, name + "-out"),
            StandardRecords = Standard, HoldoutRecords = Holdout, Training = Tiny,
        });
        output.WriteLine($"{name}: {watch.Elapsed.TotalSeconds:0.0} s (training {result.Report.TrainingSeconds} s); {Figures(result.Report)}");
        return result;
    }

    /// <summary>
    /// A verified dataset of MIT-BIH records as patients "pNNN" with recordings "vNNN": the physician labels are the
    /// records' reference (.atr) beats, shuffled within each record if asked; the AI labels are the reference.
    /// </summary>
    public static VerifiedDataset WriteDataset(string directory, IEnumerable<string> records, bool shuffled) =>
        VerifiedDatasetWriter.Write(directory, records.Select(r =>
        {
            var record = RecordFiles.Read(TestData.MitDbRecord(r));
            var reference = VerifiedBeat.FromAnnotations(record.Annotations["atr"]);
            var labels = reference.Select(b => b.Class).ToArray();
            if (shuffled) new SplitMix64(SplitMix64.Hash(r)).Shuffle(labels.AsSpan());
            return new VerifiedRecording("v" + r, "p" + r, false, record, reference.Select((b, i) => b with { Class = labels[i] }).ToList(), reference);
        }).ToList(), new DateOnly(2026, 12, 7));

    private static string Figures(RetrainingReport r) =>
        $"champion {r.Champion.Value:0.000} (F1 {string.Join("/", r.Champion.F1.Values.Select(v => v.ToString("0.00")))}), "
        + $"challenger {r.Challenger.Value:0.000} (F1 {string.Join("/", r.Challenger.F1.Values.Select(v => v.ToString("0.00")))}), "
        + $"difference {r.Difference:0.000}, CI [{r.Ci95[0]:0.000}, {r.Ci95[1]:0.000}], required {r.Required:0.000}: {r.Reason}";
}
