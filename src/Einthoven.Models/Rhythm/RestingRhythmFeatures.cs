using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Analysis.Filters;
using Einthoven.Signal.Analysis.Measurements;

namespace Einthoven.Models.Rhythm;

/// <summary>
/// What the 12-lead rhythm head (<see cref="RestingRhythmHead"/>) reads from a resting ECG: the single-lead CinC model's
/// probabilities of N, A and O summarised over the leads it finds readable (mean, highest, lowest), the median over
/// those leads of the RR-irregularity, rate and beat-shape features the model already computed per lead
/// (<see cref="RhythmFeatures"/>), the share of readable leads, and whether the beats show P waves at a steady PR
/// (<see cref="PWavePresence"/> over all leads).
/// </summary>
public static class RestingRhythmFeatures
{
    /// <summary>A PR spread with too few P waves to measure, or beyond this, counts as this (ms).</summary>
    public const double UnsteadyPrSpreadMs = 60;

    private static readonly string[] SummarisedLabels = ["N", "A", "O"];

    private static readonly string[] LeadMedians =
    [
        "rr_cv", "rmssd_over_mean", "sample_entropy", "frac_off_median_15pct", "median_abs_diff_over_median",
        "premature_beat_frac", "beats_per_second", "template_correlation", "p_wave_over_qrs", "atrial_residual_over_qrs",
    ];

    private static readonly int[] LeadMedianIndices = LeadMedians.Select(n => Array.IndexOf(RhythmFeatures.Names, n)).ToArray();

    public static readonly string[] Names =
    [
        .. SummarisedLabels.SelectMany(l => new[] { $"p_{l}_mean", $"p_{l}_max", $"p_{l}_min" }),
        .. LeadMedians.Select(n => $"median_{n}"),
        "readable_lead_share", "p_wave_share", "pr_spread_ms",
    ];

    public static int Count => Names.Length;

    /// <param name="predictions">The CinC model's prediction on each lead.</param>
    /// <param name="leadFeatures">Each lead's <see cref="RhythmFeatures"/> (as the model read them).</param>
    /// <param name="pWaves">P waves over all leads (<see cref="PWaves"/>).</param>
    public static double[] Compute(IReadOnlyList<RhythmPrediction> predictions, IReadOnlyList<float[]> leadFeatures, PWavePresence pWaves)
    {
        if (predictions.Count == 0 || predictions.Count != leadFeatures.Count)
            throw new ArgumentException($"{predictions.Count} predictions for {leadFeatures.Count} leads' features");
        var readable = Readable(predictions);
        var values = new List<double>(Count);
        foreach (var label in SummarisedLabels)
        {
            var c = RhythmLabels.Index(label);
            var p = readable.Select(l => (double)predictions[l].Probabilities[c]).ToArray();
            values.AddRange([p.Average(), p.Max(), p.Min()]);
        }
        foreach (var f in LeadMedianIndices)
            values.Add(RrIrregularity.Median(readable.Select(l => (double)leadFeatures[l][f]).ToArray()));
        values.Add(readable.Count / (double)predictions.Count);
        values.Add(pWaves.Share);
        values.Add(Math.Min(pWaves.PrSpreadMs ?? UnsteadyPrSpreadMs, UnsteadyPrSpreadMs));
        return values.ToArray();
    }

    /// <summary>The leads the model does not call too noisy, or all of them if it calls every one so.</summary>
    public static IReadOnlyList<int> Readable(IReadOnlyList<RhythmPrediction> predictions)
    {
        var readable = Enumerable.Range(0, predictions.Count).Where(l => predictions[l].Label != RhythmLabels.All[^1]).ToArray();
        return readable.Length > 0 ? readable : Enumerable.Range(0, predictions.Count).ToArray();
    }

    /// <summary>P waves over all leads (cleaned), at the beats detected on the rhythm lead.</summary>
    /// <param name="leads">Every lead in mV at <paramref name="fs"/>.</param>
    public static PWavePresence PWaves(IReadOnlyList<double[]> leads, int rhythmLead, double fs)
    {
        var peaks = QrsDetector.Detect(leads[rhythmLead], fs).Select(p => (int)p).ToArray();
        return PWavePresence.Check(leads.Select(l => EcgCleaning.Clean(l, fs)).ToArray(), peaks, fs);
    }
}
