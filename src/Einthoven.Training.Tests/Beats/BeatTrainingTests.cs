using Einthoven.Evaluation.Beats;
using Einthoven.Evaluation.Databases;
using Einthoven.Models.Beats;
using Einthoven.TestSupport;
using Einthoven.Training.Beats;

namespace Einthoven.Training.Tests.Beats;

public class BeatTrainingTests
{
    [Fact]
    public void A_tiny_training_run_on_a_slice_of_ds1_does_far_better_than_chance()
    {
        // 119 has ventricular bigeminy, 209 supraventricular runs: N, S and V beats from two DS1 patients.
        var records = LabelledRecord.LoadMitBih(TestData.MitDb, ["119", "209"]);
        var train = records.Select(r => Slice(r, 0)).ToList();
        var test = records.Select(r => Slice(r, 1)).ToList();
        var options = new BeatTrainingOptions { Epochs = 2, EnsembleSize = 1, BatchSize = 64, Seed = 7 };
        var result = BeatTrainer.Train(train, options);
        var matrix = new ConfusionMatrix();
        foreach (var r in test) matrix.Add(BeatCrossValidation.Score(result.Model, r));
        // Chance (or always N) has a balanced accuracy of 1/3 over N, S and V.
        Assert.True(matrix.BalancedAccuracy > 0.7, $"balanced accuracy {matrix.BalancedAccuracy:0.000}\n{matrix.Format()}");
        Assert.True(matrix.Sensitivity(AamiClass.V) > 0.8, matrix.Format());
    }

    [Fact]
    public void Class_weights_favour_rare_classes_within_the_cap_and_ignore_absent_ones()
    {
        var weights = BeatTrainer.ClassWeights([10000, 100, 1000, 1, 0], power: 1, maxRatio: 20);
        Assert.True(weights[1] > weights[2] && weights[2] > weights[0]);
        Assert.Equal(20 * weights[0], weights[3], 3);
        Assert.Equal(0, weights[4]);
        var none = BeatTrainer.ClassWeights([10000, 100, 1000, 1, 0], power: 0, maxRatio: 20);
        Assert.Equal([1f, 1f, 1f, 1f, 0f], none);
    }

    [Fact]
    public void A_class_with_too_few_beats_is_not_weighted_up()
    {
        var weights = BeatTrainer.ClassWeights([10000, 100, 1000, 5, 0], power: 0.5, maxRatio: 50, minBeatsToWeightUp: 50);
        Assert.Equal(weights[0], weights[3]);
        Assert.True(weights[1] > weights[2] && weights[2] > weights[0]);
        Assert.Equal(0, weights[4]);
    }

    [Fact]
    public void Folds_are_record_wise_and_spread_the_records_with_rare_beats()
    {
        var records = Enumerable.Range(0, 8).Select(i => Fake($"r{i}", supraventricular: i < 4 ? 100 - i : 0, normal: 50)).ToList();
        var folds = BeatCrossValidation.AssignFolds(records, 4);
        Assert.Equal(Enumerable.Range(0, 4), folds.Take(4).Order());
        Assert.All(Enumerable.Range(0, 4), f => Assert.Equal(2, folds.Count(x => x == f)));
        Assert.Equal(folds, BeatCrossValidation.AssignFolds(records, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => BeatCrossValidation.AssignFolds(records, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BeatCrossValidation.AssignFolds(records, 9));
    }

    [Fact]
    public void Cross_validation_reports_each_held_out_record_once_and_they_add_up_to_the_pooled_matrix()
    {
        var records = Enumerable.Range(0, 4).Select(i => Fake($"r{i}", supraventricular: 5 + i, normal: 20 + i)).ToList();
        var options = new BeatTrainingOptions { Epochs = 1, RhythmEpochs = 1, EnsembleSize = 1, BatchSize = 16, IrregularRhythmFraction = 0, Threads = 1 };
        var cv = BeatCrossValidation.Run(records, 2, options);
        Assert.Equal(records.Select(r => r.Group).Order(), cv.Records.Select(r => r.Record).Order());
        foreach (var (name, matrix) in cv.Records)
            Assert.Equal(records.Single(r => r.Group == name).Count, AamiMapping.Classes.Sum(c => matrix.Row(c)));
        var sum = new ConfusionMatrix();
        foreach (var (_, matrix) in cv.Records) sum.Add(matrix);
        Assert.Equal(cv.Pooled.Format(), sum.Format());
    }

    [Fact]
    public void Irregular_rhythm_beats_are_irregular_and_keep_the_template_features_of_real_normal_beats()
    {
        var records = LabelledRecord.LoadMitBih(TestData.MitDb, ["122"]);
        var normal = records[0].Labels.Count(l => l == AamiClass.N);
        var rows = IrregularRhythm.Generate(records, 0.1, seed: 3);
        var width = BeatInputLayout.FeatureCount;
        var count = rows.Length / width;
        Assert.InRange(count, 0.1 * normal - 1, 0.1 * normal + 1);
        Assert.Equal(rows, IrregularRhythm.Generate(records, 0.1, seed: 3));
        var irregularity = Enumerable.Range(0, count).Select(i => rows[i * width + BeatFeatureExtractor.IrregularityFeature]).ToArray();
        var real = Enumerable.Range(0, records[0].Count).Select(i => records[0].Features.FeatureRow(i)[BeatFeatureExtractor.IrregularityFeature]).ToArray();
        // 122 is a regular sinus rhythm; its synthetic twin is not.
        Assert.True(Median(irregularity) > 3 * Median(real) + 0.03, $"synthetic {Median(irregularity)}, real {Median(real)}");
        // Template correlations come from the record's real beats.
        Assert.All(Enumerable.Range(0, count), i => Assert.InRange(rows[i * width + BeatFeatureExtractor.RhythmFeatureCount], -1f, 1f));
        Assert.True(Median(Enumerable.Range(0, count).Select(i => rows[i * width + BeatFeatureExtractor.RhythmFeatureCount]).ToArray()) > 0.9f);
    }

    [Fact]
    public void Bad_training_options_are_refused()
    {
        var records = new[] { Fake("a", 2, 2) };
        Assert.Throws<ArgumentException>(() => BeatTrainer.Train(records, new BeatTrainingOptions { Epochs = 0 }));
        Assert.Throws<ArgumentException>(() => BeatTrainer.Train(records, new BeatTrainingOptions { Dropout = 1 }));
        Assert.Throws<ArgumentException>(() => BeatTrainer.Train([Fake("empty", 0, 0)], new BeatTrainingOptions()));
    }

    private static float Median(float[] values) => values.Order().ElementAt(values.Length / 2);

    // Every other beat, starting at parity.
    private static LabelledRecord Slice(LabelledRecord r, int parity)
    {
        var indices = Enumerable.Range(0, r.Count).Where(i => i % 2 == parity).ToList();
        return new LabelledRecord(r.Group, r.Features.Select(indices), indices.Select(i => r.Labels[i]).ToList());
    }

    private static LabelledRecord Fake(string name, int supraventricular, int normal)
    {
        var labels = Enumerable.Repeat(AamiClass.S, supraventricular).Concat(Enumerable.Repeat(AamiClass.N, normal)).ToList();
        var features = new BeatFeatures(new float[labels.Count * BeatInputLayout.InputSize], new float[labels.Count * BeatInputLayout.FeatureCount]);
        return new LabelledRecord(name, features, labels);
    }
}
