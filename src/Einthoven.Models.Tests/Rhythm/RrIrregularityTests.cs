using Einthoven.Models.Rhythm;

namespace Einthoven.Models.Tests.Rhythm;

public class RrIrregularityTests
{
    private static double Feature(double[] values, string name) => values[Array.IndexOf(RrIrregularity.Names, name)];

    private static double[] Sinus(int n) => Enumerable.Range(0, n).Select(i => 0.8 + 0.03 * Math.Sin(2 * Math.PI * i / 12)).ToArray();

    private static double[] Fibrillation(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => 0.4 + 0.6 * random.NextDouble()).ToArray();
    }

    [Fact]
    public void Irregular_rr_scores_higher_on_every_irregularity_measure()
    {
        var regular = RrIrregularity.Measure(Sinus(40));
        var irregular = RrIrregularity.Measure(Fibrillation(40, 7));
        foreach (var name in new[] { "rr_cv", "rmssd_over_mean", "frac_diff_over_50ms", "turning_point_ratio", "sample_entropy",
                     "frac_off_median_15pct", "median_abs_diff_over_median", "sd1_over_sd2" })
            Assert.True(Feature(irregular, name) > Feature(regular, name), $"{name}: {Feature(irregular, name)} vs {Feature(regular, name)}");
        Assert.Equal(0, Feature(regular, "frac_diff_over_50ms"));
        Assert.Equal(0, Feature(regular, "too_few_beats"));
    }

    [Fact]
    public void Constant_rr_has_zero_variation_and_its_mean()
    {
        var values = RrIrregularity.Measure(Enumerable.Repeat(0.75, 20).ToArray());
        Assert.Equal(0.75, Feature(values, "rr_mean_s"), 9);
        Assert.Equal(0.75, Feature(values, "rr_median_s"), 9);
        Assert.Equal(0, Feature(values, "rr_cv"), 9);
        Assert.Equal(0, Feature(values, "turning_point_ratio"));
    }

    [Fact]
    public void Too_few_intervals_only_raise_the_flag()
    {
        var values = RrIrregularity.Measure([0.8, 0.9]);
        Assert.Equal(1, Feature(values, "too_few_beats"));
        Assert.All(values[..^1], v => Assert.Equal(0, v));
    }

    [Fact]
    public void Turning_points_of_an_alternating_series_are_all_interior_points()
    {
        Assert.Equal(1, RrIrregularity.TurningPointRatio([1, 2, 1, 2, 1, 2]));
        Assert.Equal(0, RrIrregularity.TurningPointRatio([1, 2, 3, 4, 5]));
    }

    [Fact]
    public void Sample_entropy_of_a_periodic_series_is_zero()
    {
        var periodic = Enumerable.Range(0, 30).Select(i => (double)(i % 3)).ToArray();
        Assert.Equal(0, RrIrregularity.SampleEntropy(periodic, 2, 0.1), 9);
        Assert.True(RrIrregularity.SampleEntropy(Fibrillation(60, 3), 2, 0.2 * 0.17) > 1);
    }
}
