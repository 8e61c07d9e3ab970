using Einthoven.Evaluation.Qrs;

namespace Einthoven.Evaluation.Noise;

/// <summary>The noise stress test's totals, one row per noise kind and SNR (gross statistics over the records).</summary>
public sealed record NoiseReport(IReadOnlyList<string> Records, IReadOnlyList<NoiseRow> Rows)
{
    public static NoiseReport Of(IReadOnlyList<NoiseRun> runs) =>
        new(runs.Select(r => r.Record).Distinct().ToList(),
            runs.GroupBy(r => (r.Noise, r.SnrDb)).Select(g => NoiseRow.Of(g.Key.Noise, g.Key.SnrDb, g.ToList())).ToList());
}

/// <param name="Whole">Detection over the whole record (the NSTDB figure).</param>
/// <param name="Noisy">Detection inside the noisy blocks only.</param>
/// <param name="Readable">Detection inside the segments the analysis did not judge inconclusive.</param>
/// <param name="NoisyInconclusive">Share of the noisy blocks' time judged inconclusive.</param>
/// <param name="CleanInconclusive">Share of the noise-free time judged inconclusive.</param>
public sealed record NoiseRow(string Noise, double SnrDb, RecordScore Whole, RecordScore Noisy, RecordScore Readable,
    double NoisyInconclusive, double CleanInconclusive)
{
    public static NoiseRow Of(string noise, double snr, IReadOnlyList<NoiseRun> runs)
    {
        RecordScore Sum(Func<NoiseRun, Signal.Analysis.Detection.DetectionScore> part, string name) =>
            RecordScore.Of(name, Signal.Analysis.Detection.DetectionScore.Sum(runs.Select(part)));
        double Share(double part, double all) => all > 0 ? part / all : 0;
        return new NoiseRow(noise, snr, Sum(r => r.Whole, "whole"), Sum(r => r.Noisy, "noisy"), Sum(r => r.Readable, "readable"),
            Share(runs.Sum(r => r.NoisyInconclusiveSeconds), runs.Sum(r => r.NoisySeconds)),
            Share(runs.Sum(r => r.CleanInconclusiveSeconds), runs.Sum(r => r.CleanSeconds)));
    }
}
