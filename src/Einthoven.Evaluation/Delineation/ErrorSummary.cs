namespace Einthoven.Evaluation.Delineation;

/// <summary>Mean and (population) standard deviation of signed errors, detected minus expert, in ms.</summary>
public sealed record ErrorSummary(string Measure, int Count, double MeanMs, double SdMs)
{
    public static ErrorSummary Of(string measure, IReadOnlyCollection<double> errorsMs)
    {
        if (errorsMs.Count == 0) return new ErrorSummary(measure, 0, double.NaN, double.NaN);
        var mean = errorsMs.Average();
        return new ErrorSummary(measure, errorsMs.Count, mean, Math.Sqrt(errorsMs.Sum(e => (e - mean) * (e - mean)) / errorsMs.Count));
    }
}

/// <summary>How many expert waves of a kind were found (sensitivity) and how many found waves were real (positive predictivity).</summary>
public sealed record WaveDetection(string Wave, int Expert, int Detected, int Matched)
{
    public double SensitivityPercent => Expert == 0 ? double.NaN : 100.0 * Matched / Expert;
    public double PositivePredictivityPercent => Detected == 0 ? double.NaN : 100.0 * Matched / Detected;
}
