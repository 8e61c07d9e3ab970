using Einthoven.Training.Rhythm;

namespace Einthoven.Training.Tests.Rhythm;

public class StratifiedFoldsTests
{
    [Fact]
    public void Stratified_folds_split_every_class_evenly_and_depend_on_the_seed()
    {
        var labels = Enumerable.Range(0, 103).Select(i => i % 10 == 0 ? 1 : i % 7 == 0 ? 3 : 0).ToArray();
        var folds = RhythmTraining.StratifiedFolds(labels, 5, 1);
        foreach (var c in labels.Distinct())
        {
            var counts = Enumerable.Range(0, 5).Select(k => Enumerable.Range(0, labels.Length).Count(i => labels[i] == c && folds[i] == k)).ToArray();
            Assert.True(counts.Max() - counts.Min() <= 1, $"class {c}: {string.Join(",", counts)}");
        }
        Assert.Equal(folds, RhythmTraining.StratifiedFolds(labels, 5, 1));
        Assert.NotEqual(folds, RhythmTraining.StratifiedFolds(labels, 5, 2));
    }
}
