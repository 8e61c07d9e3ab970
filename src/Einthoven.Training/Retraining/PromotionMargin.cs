using System.Globalization;

namespace Einthoven.Training.Retraining;

/// <summary>
/// How much a challenger must win by on the holdout: more than the half-width of the bootstrap 95 % interval of the
/// difference (<see cref="Ci95"/>, the default), or more than a fixed amount of the metric.
/// </summary>
public sealed record PromotionMargin
{
    private PromotionMargin(double? fixedAmount) => Fixed = fixedAmount;

    public static readonly PromotionMargin Ci95 = new((double?)null);

    public double? Fixed { get; }

    /// <summary>"ci95", or the fixed amount as written (e.g. "0.01").</summary>
    public string Name => Fixed is { } x ? x.ToString("0.######", CultureInfo.InvariantCulture) : "ci95";

    public static PromotionMargin Of(double amount) =>
        double.IsFinite(amount) && amount is >= 0 and < 1 ? new PromotionMargin(amount)
            : throw new ArgumentOutOfRangeException(nameof(amount), amount, "a fixed margin must be in [0, 1)");

    /// <summary>"ci" or "ci95" for the bootstrap interval, else a number in [0, 1).</summary>
    public static PromotionMargin Parse(string text) =>
        text.Trim().ToLowerInvariant() is "ci" or "ci95" ? Ci95
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x) && x is >= 0 and < 1 ? Of(x)
            : throw new ArgumentException($"margin '{text}' is neither 'ci' nor a number in [0, 1)", nameof(text));

    /// <summary>The least difference that promotes, given the bootstrap interval of the difference.</summary>
    public double Required(BootstrapInterval interval) => Fixed ?? interval.HalfWidth;

    /// <summary>Why the decision went as it did, in words.</summary>
    public string Reason(double difference, double required, bool promote) =>
        string.Create(CultureInfo.InvariantCulture, $"difference {difference:0.000} {(promote ? ">" : "<=")} {(Fixed is null ? "CI half-width" : "fixed margin")} {required:0.000}");
}
