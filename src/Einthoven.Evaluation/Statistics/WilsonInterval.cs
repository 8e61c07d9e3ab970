namespace Einthoven.Evaluation.Statistics;

/// <summary>
/// The Wilson score interval of a proportion (Wilson 1927): unlike the normal approximation it stays inside [0, 1]
/// and is honest for small counts and for proportions at 0 or 1, as a sensitivity on a handful of paced records is.
/// </summary>
public readonly record struct WilsonInterval(double Lower, double Upper)
{
    /// <summary>z of a two-sided 95 % interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>The interval of <paramref name="successes"/> out of <paramref name="trials"/>; [0, 1] when there is no trial.</summary>
    public static WilsonInterval Of(int successes, int trials, double z = Z95)
    {
        if (trials < 0 || successes < 0 || successes > trials) throw new ArgumentOutOfRangeException(nameof(successes), $"{successes} of {trials}");
        if (trials == 0) return new WilsonInterval(0, 1);
        var p = (double)successes / trials;
        var z2 = z * z;
        var centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
        var half = z / (1 + z2 / trials) * Math.Sqrt(p * (1 - p) / trials + z2 / (4.0 * trials * trials));
        return new WilsonInterval(Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    public override string ToString() => $"{100 * Lower:0.0}-{100 * Upper:0.0} %";
}
