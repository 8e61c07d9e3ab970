using System.Diagnostics;
using Einthoven.Evaluation.Databases;
using Einthoven.Imaging.Degradation;
using Einthoven.Imaging.Digitizing;
using Einthoven.Imaging.Paper;
using Einthoven.Models.Analysis;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;
using SkiaSharp;

namespace Einthoven.Evaluation.Digitization;

/// <summary>How the pages are made: layout (null mixes the three by record), resolution and the seed of grid colours and degradations.</summary>
public sealed record PaperSetup(PaperLayout? Layout, double PxPerMm, int Seed)
{
    private static readonly GridColour[] Grids = [GridColour.Red, GridColour.Grey, GridColour.Green, GridColour.Blue];

    /// <summary>The page for one record: the layout asked for (or the record's turn in the mix) and a grid colour drawn from the seed.</summary>
    public PaperOptions For(int ecgId)
    {
        var draw = new Random(ImageSeed(ecgId));
        var layout = Layout ?? (PaperLayout)draw.Next(3);
        return new PaperOptions { Layout = layout, Grid = Grids[draw.Next(Grids.Length)], PxPerMm = PxPerMm };
    }

    /// <summary>The degradation seed of one record's images (the same page is degraded at every level with it).</summary>
    public int ImageSeed(int ecgId) => unchecked(Seed * 100_003 + ecgId);
}

/// <summary>One image digitised and scored: the SNR of each of the twelve leads (NaN where it failed), or why it failed (a <see cref="DigitizeProblem"/>).</summary>
public sealed record DigitizedImage(int EcgId, string Level, string Layout, string Grid, double Seconds, string? Failure,
    IReadOnlyDictionary<string, double> LeadSnrDb, double? MeanConfidence);

/// <summary>
/// <c>eval digitize</c>: PTB-XL fold-9 records printed on paper (<see cref="PaperEcgRenderer"/>), degraded at each level
/// (<see cref="PaperDegradation"/>), digitised (<see cref="PaperDigitizer"/>, timed alone) and scored with the CinC 2024
/// SNR (<see cref="ChallengeSnr"/>) against the record, each lead only where it was printed; and the analysis of the
/// digitised record (<see cref="ModelAnalyzer"/>) set beside that of the record itself.
/// </summary>
public static class DigitizationEvaluation
{
    public const int Fold = 9;

    /// <summary>The twelve leads scored, in the challenge's order.</summary>
    public static readonly string[] Leads = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"];

    /// <summary>The first <paramref name="count"/> fold-9 records of PTB-XL in index order.</summary>
    public static IReadOnlyList<PtbXlEntry> Records(string ptbxlDirectory, int count) =>
        PtbXlIndex.Load(ptbxlDirectory).Where(e => e.StratFold == Fold).Take(count).ToArray();

    public static DigitizationResult Run(IReadOnlyList<PtbXlEntry> entries, IReadOnlyList<DegradationOptions> levels, PaperSetup setup,
        ModelAnalyzer? analyzer, Action<int, int>? progress = null)
    {
        var images = new List<DigitizedImage>();
        var pairs = levels.ToDictionary(l => l.Name, _ => new List<(AnalysisReport, AnalysisReport?)>());
        var fullPairs = levels.ToDictionary(l => l.Name, _ => new List<(AnalysisReport, AnalysisReport?)>());
        var total = entries.Count * levels.Count;
        progress?.Invoke(0, total);
        foreach (var entry in entries)
        {
            var record = RecordFiles.Read(entry.HeaderPath);
            var original = analyzer?.Analyze(record).Report;
            var options = setup.For(entry.EcgId);
            var sameLeads = new Dictionary<string, AnalysisReport>();
            using var page = PaperEcgRenderer.Render(record, options);
            foreach (var level in levels)
            {
                var (image, digitized) = Digitize(entry.EcgId, record, page, level, setup.ImageSeed(entry.EcgId));
                images.Add(image);
                if (original is not null)
                {
                    pairs[level.Name].Add((original, digitized is null ? null : analyzer!.Analyze(digitized.Record).Report));
                    // The full-length leads against the same leads of the record, so that only the digitiser differs.
                    if (digitized is not null && FullLength(digitized) is { } full)
                    {
                        var names = full.Info.Leads.Select(l => l.Name).ToArray();
                        var key = string.Join(",", names);
                        if (!sameLeads.TryGetValue(key, out var same)) sameLeads[key] = same = analyzer!.Analyze(Only(record, names)).Report;
                        fullPairs[level.Name].Add((same, analyzer!.Analyze(full).Report));
                    }
                    else fullPairs[level.Name].Add((original, null));
                }
                progress?.Invoke(images.Count, total);
            }
        }
        var summaries = levels.Select(l => LevelSummary.Of(l.Name, images.Where(i => i.Level == l.Name).ToArray(),
            analyzer is null ? null : AnalysisAgreement.Of(pairs[l.Name]), analyzer is null ? null : AnalysisAgreement.Of(fullPairs[l.Name]))).ToArray();
        return new DigitizationResult(summaries, images);
    }

    /// <summary>Degrades the page, digitises it (the time is the digitiser's alone) and scores every lead.</summary>
    /// <summary>
    /// The digitised record cut to the leads the digitiser says were printed for the whole record (lead II's rhythm strip
    /// in 3x4, every lead in 12x1, none in 6x2), or null when there is none: the analysis reads zeros outside a lead's
    /// printed span as signal, so a 3x4 record as returned, mostly zeros, yields no beats (even the true record so masked).
    /// </summary>
    public static EcgRecord? FullLength(DigitizedEcg digitized)
    {
        var record = digitized.Record;
        var seconds = record.Info.SampleCount / record.Info.SamplingFrequency;
        var leads = digitized.Leads.Where(l => l.StartSeconds <= 0.05 && l.StartSeconds + l.DurationSeconds >= seconds - 0.05)
            .Select(l => record.Info.LeadIndex(l.Lead)).Where(i => i >= 0).Distinct().Order().ToArray();
        return leads.Length == 0 ? null
            : new EcgRecord(record.Info with { Leads = [.. leads.Select(i => record.Info.Leads[i])] }, [.. leads.Select(i => record.Samples[i])]);
    }

    private static EcgRecord Only(EcgRecord record, IReadOnlyList<string> leads)
    {
        var indices = leads.Select(record.Info.LeadIndex).ToArray();
        return new EcgRecord(record.Info with { Leads = [.. indices.Select(i => record.Info.Leads[i])] }, [.. indices.Select(i => record.Samples[i])]);
    }

    public static (DigitizedImage Image, DigitizedEcg? Digitized) Digitize(int ecgId, EcgRecord record, RenderedPaper page, DegradationOptions level, int seed) =>
        Digitize(ecgId, record, page, level, seed, PaperDigitizer.Digitize);

    /// <summary>The same with another digitiser (tests score known outputs through it).</summary>
    internal static (DigitizedImage Image, DigitizedEcg? Digitized) Digitize(int ecgId, EcgRecord record, RenderedPaper page, DegradationOptions level, int seed,
        Func<SKBitmap, DigitizeOptions, DigitizedEcg> digitizer)
    {
        using var degraded = PaperDegradation.Apply(page, level, seed);
        var fs = record.Info.SamplingFrequency;
        var (layout, grid) = (PaperLayouts.Label(page.Truth.Options.Layout), page.Truth.Options.Grid.ToString());
        var watch = Stopwatch.StartNew();
        DigitizedEcg result;
        try
        {
            result = digitizer(degraded.Bitmap, new DigitizeOptions { SamplingRate = fs, RecordName = record.Info.Name });
        }
        catch (DigitizeException e)
        {
            var missing = Leads.ToDictionary(l => l, _ => double.NaN);
            return (new DigitizedImage(ecgId, level.Name, layout, grid, watch.Elapsed.TotalSeconds, e.Problem.ToString(), missing, null), null);
        }
        var seconds = watch.Elapsed.TotalSeconds;
        var snrs = Leads.ToDictionary(l => l, l => ScoreLead(record, result.Record, page.Truth, l, fs));
        var confidence = result.Leads.Count == 0 ? (double?)null : result.Leads.Average(l => l.Confidence);
        return (new DigitizedImage(ecgId, level.Name, layout, grid, seconds, null, snrs, confidence), result);
    }

    private static double ScoreLead(EcgRecord record, EcgRecord digitized, PaperTruth truth, string lead, double fs)
    {
        var spans = truth.Panels.Where(p => string.Equals(p.Lead, lead, StringComparison.OrdinalIgnoreCase))
            .Select(p => (p.StartSeconds, p.DurationSeconds));
        var reference = ChallengeSnr.Printed(record.Physical(record.Info.LeadIndex(lead)), fs, spans);
        var index = digitized.Info.LeadIndex(lead);
        // The contract returns all twelve leads; one missing anyway is scored as not digitised (NaN).
        var estimate = index < 0 ? Enumerable.Repeat(double.NaN, reference.Length).ToArray() : digitized.Physical(index);
        return ChallengeSnr.Score(reference, estimate, fs).Db;
    }
}

/// <summary>Every level's summary and every image's scores.</summary>
public sealed record DigitizationResult(IReadOnlyList<LevelSummary> Levels, IReadOnlyList<DigitizedImage> Images);

/// <summary>
/// One degradation level: images, failures by problem, the challenge's mean SNR over the leads of the digitised images
/// (failures drop out, as in the challenge) and its median, the mean per-lead confidence and digitising time per image,
/// and the analysis agreement of the digitised record as returned (against the whole record) and of its full-length
/// leads alone (<see cref="DigitizationEvaluation.FullLength"/>, against the same leads of the record), both null when
/// no analysis was run.
/// </summary>
public sealed record LevelSummary(string Level, int Images, IReadOnlyDictionary<string, int> Failures, double MeanSnrDb, double MedianSnrDb,
    double? MeanConfidence, double MeanSeconds, double MaxSeconds, AnalysisAgreement? Agreement, AnalysisAgreement? FullLengthAgreement = null)
{
    public int FailureCount => Failures.Values.Sum();

    public static LevelSummary Of(string level, IReadOnlyList<DigitizedImage> images, AnalysisAgreement? agreement, AnalysisAgreement? fullLength = null)
    {
        var snrs = images.SelectMany(i => i.LeadSnrDb.Values).ToArray();
        var confidences = images.Where(i => i.MeanConfidence is not null).Select(i => i.MeanConfidence!.Value).ToArray();
        return new LevelSummary(level, images.Count,
            images.Where(i => i.Failure is not null).GroupBy(i => i.Failure!).ToDictionary(g => g.Key, g => g.Count()),
            ChallengeSnr.Mean(snrs), ChallengeSnr.Median(snrs), confidences.Length == 0 ? null : confidences.Average(),
            images.Count == 0 ? double.NaN : images.Average(i => i.Seconds), images.Count == 0 ? double.NaN : images.Max(i => i.Seconds), agreement, fullLength);
    }
}
