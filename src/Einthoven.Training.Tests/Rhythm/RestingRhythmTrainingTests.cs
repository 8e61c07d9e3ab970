using Einthoven.Models.Analysis;
using Einthoven.Models.Rhythm;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;
using Einthoven.Training.Rhythm;

namespace Einthoven.Training.Tests.Rhythm;

public class RestingRhythmTrainingTests
{
    // The first 300 unpaced records of folds 1-9 by ecg_id: all nine folds, a few fibrillation records.
    private const int SliceRecords = 300;
    private static readonly Lazy<RestingRhythmDataset> Slice = new(() => RestingRhythmDataset.Load(TestData.PtbXl, SliceRecords));

    [Fact]
    public void Targets_follow_the_rhythm_statements()
    {
        var classes = RestingRhythmHead.Classes;
        int? Target(params string[] codes) => RestingRhythmDataset.Target(new(1, codes.ToDictionary(c => c, _ => 100.0), false, 1, ""));
        Assert.Equal(Array.IndexOf(classes, "N"), Target("SR", "PAC"));
        Assert.Equal(Array.IndexOf(classes, "N"), Target("SBRAD"));
        Assert.Equal(Array.IndexOf(classes, "A"), Target("AFIB"));
        Assert.Equal(Array.IndexOf(classes, "A"), Target("AFLT", "SVTAC"));
        Assert.Equal(Array.IndexOf(classes, "O"), Target("SR", "BIGU"));
        Assert.Null(Target("PACE"));
        Assert.Null(Target("NORM"));
        Assert.Null(RestingRhythmDataset.Target(new(1, new Dictionary<string, double> { ["SR"] = 0 }, true, 1, "")));
    }

    [Fact]
    public void Cross_validation_never_trains_on_the_fold_it_scores()
    {
        var data = Slice.Value;
        var folds = RestingRhythmTraining.LeaveOneFoldOut(data);
        Assert.Equal(Enumerable.Range(1, 9), folds.Select(f => f.Fold));
        Assert.All(folds, f =>
        {
            Assert.DoesNotContain(f.Train, i => data.Entries[i].StratFold == f.Fold);
            Assert.All(f.Train, i => Assert.NotNull(data.Targets[i]));
            Assert.All(f.Test, i => Assert.Equal(f.Fold, data.Entries[i].StratFold));
        });
        Assert.Equal(Enumerable.Range(0, data.Count), folds.SelectMany(f => f.Test).Order());
        Assert.DoesNotContain(data.Entries, e => e.StratFold == 10);
    }

    [Fact]
    public void Training_on_a_slice_is_reproducible_and_separates_fibrillation_from_sinus()
    {
        var data = Slice.Value;
        Assert.Contains(data.Targets, t => t == Array.IndexOf(RestingRhythmHead.Classes, "A"));
        var first = RestingRhythmModelBuilder.Build(data, TestData.TempDir(), new DateOnly(2026, 1, 1));
        var second = RestingRhythmModelBuilder.Build(data, TestData.TempDir(), new DateOnly(2026, 1, 1));
        // The features themselves come out the same on a second reading (the whole command's weights hash is checked by hand: BENCHMARKS).
        var again = RecordRhythm.LoadShippedWithoutHead().RestingInputs(RecordFiles.Read(data.Entries[^1].HeaderPath))!.Value;
        Assert.Equal(data.Features[^1], again.Features);
        Assert.Equal(data.CincMeans[^1], again.CincMean);
        Assert.Equal(File.ReadAllBytes(first.WeightsPath), File.ReadAllBytes(second.WeightsPath));
        Assert.Equal(first.Card.WeightsSha256, second.Card.WeightsSha256);
        var cv = first.CrossValidation[0];
        Assert.Equal(RestingRhythmTraining.L2Grid.Count, first.CrossValidation.Count);
        Assert.Equal(cv, first.CrossValidation.MinBy(c => c.LogLoss));
        var sinus = cv.Groups.Single(g => g.Name == "sinus rhythm, no ectopy");
        Assert.True(sinus.Fraction("N") > 0.9, $"plain sinus records called N under cross-validation: {sinus.Fraction("N"):P1}");
    }

    [Fact]
    public void Softmax_regression_fits_separable_classes_and_shrinks_with_the_penalty()
    {
        double[][] rows = [[-2, 0], [-1.5, 0.2], [0, 2], [0.2, 1.6], [2, 0], [1.7, -0.1]];
        int[] targets = [0, 0, 1, 1, 2, 2];
        var (weights, bias) = SoftmaxRegression.Fit(rows, targets, 3, 0.1);
        Assert.All(rows.Select((r, i) => RestingRhythmHead.Softmax(r, weights, bias)).Zip(targets),
            x => Assert.Equal(x.Second, Array.IndexOf(x.First, x.First.Max())));
        var (shrunk, _) = SoftmaxRegression.Fit(rows, targets, 3, 100);
        Assert.True(shrunk.SelectMany(w => w).Sum(Math.Abs) < weights.SelectMany(w => w).Sum(Math.Abs));
    }
}
