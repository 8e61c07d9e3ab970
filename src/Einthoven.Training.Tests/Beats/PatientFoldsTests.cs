using Einthoven.Evaluation.Databases;
using Einthoven.Models.Beats;
using Einthoven.Training.Beats;

namespace Einthoven.Training.Tests.Beats;

public class PatientFoldsTests
{
    private static LabelledRecord Fake(string name, int supraventricular, bool resampled = false)
    {
        var labels = Enumerable.Repeat(AamiClass.S, supraventricular).Concat(Enumerable.Repeat(AamiClass.N, 20)).ToList();
        var features = new BeatFeatures(new float[labels.Count * BeatInputLayout.InputSize], new float[labels.Count * BeatInputLayout.FeatureCount]);
        return new LabelledRecord(DeChazalSplit.Patient(name), features, labels, null, name, resampled ? 128 : 360) { Resampled = resampled };
    }

    [Fact]
    public void Records_of_one_patient_and_their_resampled_copies_share_a_fold()
    {
        var records = new[] { "100", "201", "202", "203", "209", "232" }
            .SelectMany((name, i) => new[] { Fake(name, 10 * i), Fake(name, 10 * i, resampled: true) }).ToList();
        var folds = BeatCrossValidation.AssignFolds(records, 5);
        Assert.Equal(folds[2], folds[4]); // 201 and 202: one patient
        for (var i = 0; i < records.Count; i += 2) Assert.Equal(folds[i], folds[i + 1]);
        Assert.Equal(5, folds.Distinct().Count());
        // Five patients, so six folds cannot each hold one.
        Assert.Throws<ArgumentOutOfRangeException>(() => BeatCrossValidation.AssignFolds(records, 6));
    }

    [Fact]
    public void Mit_bih_records_201_and_202_are_one_patient_and_the_unpaced_records_are_44()
    {
        Assert.Equal(DeChazalSplit.Patient("201"), DeChazalSplit.Patient("202"));
        Assert.NotEqual(DeChazalSplit.Patient("203"), DeChazalSplit.Patient("201"));
        Assert.Equal(44, DeChazalSplit.Unpaced.Distinct().Count());
        Assert.Empty(DeChazalSplit.Unpaced.Intersect(DeChazalSplit.Paced));
        Assert.Equal("232@128Hz", Fake("232", 1, resampled: true).Key);
        Assert.Equal("232", Fake("232", 1).Key);
    }

    [Fact]
    public void Cross_validation_scores_resampled_copies_apart_from_the_records_at_their_own_rate()
    {
        var records = Enumerable.Range(0, 4).SelectMany(i => new[] { Fake($"r{i}", 5 + i), Fake($"r{i}", 5 + i, resampled: true) }).ToList();
        var options = new BeatTrainingOptions { Epochs = 1, RhythmEpochs = 1, EnsembleSize = 1, BatchSize = 16, IrregularRhythmFraction = 0, Threads = 1 };
        var cv = BeatCrossValidation.Run(records, 2, options);
        var own = records.Where(r => !r.Resampled).Sum(r => r.Count);
        Assert.Equal(own, AamiMapping.Classes.Sum(c => cv.Pooled.Row(c)));
        Assert.Equal([128.0], cv.ResampledRates);
        Assert.Equal(own, AamiMapping.Classes.Sum(c => cv.PooledAt(128).Row(c)));
        Assert.Equal(8, cv.HeldOut.Count);
        Assert.All(cv.HeldOut, h => Assert.Equal(h.Probabilities.Length, h.AsDecided.Length));
        Assert.Equal(2, cv.Folds.Count);
        Assert.Equal(4, cv.Folds.Sum(f => f.Count)); // each record once, by name
    }
}
