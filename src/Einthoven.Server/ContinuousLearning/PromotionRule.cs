using System.Globalization;

namespace Einthoven.Server.ContinuousLearning;

/// <summary>
/// The server's own check of a run's decision: the challenger is promoted only when the trainer says so AND the report
/// is about the pre-registered metric and the current champion AND the difference (recomputed from the two values)
/// exceeds the margin the server requires itself (the configured number, or the 95% CI half-width for "ci") as well
/// as the one the report states.
/// </summary>
public static class PromotionRule
{
    public static (bool Promote, string Reason) Decide(TrainingReport report, string championSha256, string margin)
    {
        var figures = string.Create(CultureInfo.InvariantCulture,
            $"{report.Metric} challenger {F(report.ChallengerValue)} vs champion {F(report.ChampionValue)}, difference {F(report.ChallengerValue - report.ChampionValue)}, 95% CI [{F(report.Ci95Low)}, {F(report.Ci95High)}]");
        if (report.Metric != RetrainingOptions.Metric)
            return (false, $"rejected: the report measures {report.Metric}, not the pre-registered {RetrainingOptions.Metric}");
        if (!string.Equals(report.ChampionSha256, championSha256, StringComparison.OrdinalIgnoreCase))
            return (false, "rejected: the trainer compared with other weights than the current champion's (promoted meanwhile?)");
        var difference = report.ChallengerValue - report.ChampionValue;
        var required = Math.Max(Required(margin, report), report.Required);
        if (!report.Promote)
            return (false, $"rejected by the trainer: {(report.Reason.Length > 0 ? report.Reason : "not better by the margin")}; {figures}, required {F(required)}");
        if (!(difference > required))
            return (false, $"rejected by the server's check: the difference {F(difference)} does not exceed the required {F(required)}; {figures}");
        return (true, $"promoted: {figures}, more than the required {F(required)}");
    }

    /// <summary>The margin the server requires: a number, or for "ci" the half-width of the difference's 95% CI.</summary>
    public static double Required(string margin, TrainingReport report) =>
        double.TryParse(margin, NumberStyles.Float, CultureInfo.InvariantCulture, out var fixedMargin) ? fixedMargin : (report.Ci95High - report.Ci95Low) / 2;

    private static string F(double value) => TrainingReport.Format(value);
}
