using Einthoven.Learning.Classical;
using Einthoven.Learning.Tensors;

namespace Einthoven.Learning.Tests.Classical;

public class LinearDiscriminantTests
{
    // Two Gaussian clouds in 3 features that differ only along the first; the third is on a scale of thousands.
    private static double[][] Cloud(int count, double shift, ulong seed)
    {
        var rng = new SplitMix64(seed);
        return Enumerable.Range(0, count).Select(_ => new[] { shift + rng.NextGaussian(), rng.NextGaussian(), 1000 * rng.NextGaussian() }).ToArray();
    }

    [Fact]
    public void Rows_of_each_class_score_on_its_own_side()
    {
        var negative = Cloud(300, 0, 1);
        var positive = Cloud(30, 4, 2);
        var lda = LinearDiscriminant.Fit(negative, positive, ridge: 0.1);
        Assert.True(Cloud(200, 0, 3).Count(r => lda.Score(r) < 0) >= 190);
        Assert.True(Cloud(200, 4, 4).Count(r => lda.Score(r) > 0) >= 190);
        // The midpoint between the means lies on the boundary.
        Assert.InRange(lda.Score([2.0, 0, 0]), -0.5, 0.5);
    }

    [Fact]
    public void The_score_does_not_depend_on_a_features_units()
    {
        var negative = Cloud(100, 0, 5);
        var positive = Cloud(20, 3, 6);
        double[][] Rescale(double[][] rows) => rows.Select(r => new[] { r[0], r[1], r[2] / 1000 }).ToArray();
        var a = LinearDiscriminant.Fit(negative, positive, 0.1);
        var b = LinearDiscriminant.Fit(Rescale(negative), Rescale(positive), 0.1);
        foreach (var row in Cloud(20, 1.5, 7))
            Assert.Equal(a.Score(row), b.Score([row[0], row[1], row[2] / 1000]), 6);
    }

    [Fact]
    public void Bad_input_is_refused_with_a_reason()
    {
        var rows = Cloud(5, 0, 8);
        Assert.Throws<ArgumentException>(() => LinearDiscriminant.Fit(rows[..1], rows, 0.1));
        Assert.Throws<ArgumentException>(() => LinearDiscriminant.Fit(rows, [], 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => LinearDiscriminant.Fit(rows, rows, 0));
        Assert.Throws<ArgumentException>(() => LinearDiscriminant.Fit(rows, [[1.0, 2.0]], 0.1));
        var lda = LinearDiscriminant.Fit(rows, Cloud(3, 2, 9), 0.1);
        Assert.Throws<ArgumentException>(() => lda.Score([1.0]));
    }
}
