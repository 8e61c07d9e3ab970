using Einthoven.Evaluation.Qrs;
using Einthoven.Signal.Analysis;
using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Analysis.Quality;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;

namespace Einthoven.Evaluation.Noise;

/// <summary>
/// The noise stress test on one clean record: for each noise kind and SNR, noise added to every lead by
/// <see cref="NoiseStressProtocol"/>, the QRS protocol's detector run on the first lead, and the whole analysis
/// (<see cref="RecordAnalyzer"/>) run for its quality judgement. The same noise recording of each kind (two channels,
/// fixed seeds) is used for every record and SNR, as NSTDB uses its one em record.
/// </summary>
public static class NoiseStressEvaluation
{
    public static IEnumerable<NoiseRun> Evaluate(string databaseDirectory, string record, IReadOnlyList<NoiseKind> kinds, IReadOnlyList<double> snrs)
    {
        var path = Path.Combine(databaseDirectory, record);
        var clean = RecordFiles.Read(path);
        if (!clean.Annotations.TryGetValue(QrsEvaluation.ReferenceAnnotator, out var reference))
            throw new SignalFormatException(path, QrsEvaluation.ReferenceAnnotator, $"{record} has no reference annotations (.atr) in {databaseDirectory}");
        var blocks = NoiseStressProtocol.NoisyBlocks(clean.Info.SampleCount, clean.Info.SamplingFrequency);
        foreach (var kind in kinds)
        {
            var stress = new NoisyRecord(clean, reference, kind);
            foreach (var snr in snrs) yield return Score(record, kind, snr, stress.At(snr), reference, blocks);
        }
    }

    private static NoiseRun Score(string record, NoiseKind kind, double snr, EcgRecord noisy, IReadOnlyList<Annotation> reference, IReadOnlyList<SampleRange> blocks)
    {
        var fs = noisy.Info.SamplingFrequency;
        var n = noisy.Info.SampleCount;
        var detected = QrsDetector.Detect(noisy, 0);
        var quality = RecordAnalyzer.Analyze(noisy).Quality.Segments;
        var readable = quality.Where(s => s.Level != QualitySummary.Label(QualityLevel.Inconclusive))
            .Select(s => new SampleRange((long)Math.Round(s.StartSeconds * fs), (long)Math.Round(s.EndSeconds * fs) - 1)).ToList();
        var clean = NoiseStressProtocol.Complement(blocks, n);
        return new NoiseRun(record, StressNoise.Code(kind), snr,
            QrsProtocol.Evaluate(reference, detected, fs).Score,
            NoiseStressProtocol.ScoreWithin(reference, detected, fs, blocks, n),
            NoiseStressProtocol.ScoreWithin(reference, detected, fs, readable, n),
            Seconds(blocks, fs), Seconds(Overlap(blocks, NoiseStressProtocol.Complement(readable, n)), fs),
            Seconds(clean, fs), Seconds(Overlap(clean, NoiseStressProtocol.Complement(readable, n)), fs));
    }

    private static double Seconds(IEnumerable<SampleRange> ranges, double fs) => ranges.Sum(r => r.End - r.Start + 1) / fs;

    private static IEnumerable<SampleRange> Overlap(IReadOnlyList<SampleRange> a, IReadOnlyList<SampleRange> b) =>
        from x in a from y in b
        let start = Math.Max(x.Start, y.Start)
        let end = Math.Min(x.End, y.End)
        where start <= end
        select new SampleRange(start, end);
}

/// <summary>
/// One record under one noise kind and SNR: detection scored over the whole record, inside the noisy blocks and inside
/// the segments the analysis judged readable; and how much noisy and clean time it judged inconclusive.
/// </summary>
public sealed record NoiseRun(string Record, string Noise, double SnrDb, DetectionScore Whole, DetectionScore Noisy, DetectionScore Readable,
    double NoisySeconds, double NoisyInconclusiveSeconds, double CleanSeconds, double CleanInconclusiveSeconds);
