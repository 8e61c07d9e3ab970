using System.Diagnostics;
using Einthoven.Evaluation.Digitization;
using Einthoven.Imaging.Degradation;
using Einthoven.Imaging.Digitizing;
using Einthoven.Imaging.Paper;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;
using SkiaSharp;

namespace Einthoven.Bench;

/// <summary>
/// The paper-ECG digitiser's time per image on one core (the process pinned to CPU 0), per degradation level: the first
/// N PTB-XL fold-9 records printed 3x4 at 4 px/mm (grid colours and degradations from seed 29, as <c>eval digitize</c>
/// makes them), each image rendered and degraded beforehand and only <see cref="PaperDigitizer.Digitize(SKBitmap, DigitizeOptions?)"/>
/// timed; median, p95 and max of the better of 2 passes after a warm-up. Goal: under 2 s.
/// Arguments: [PTBXL] [N (20)] [PX_PER_MM (4)].
/// </summary>
internal static class DigitizeBenchmark
{
    private const int Passes = 2;

    public static int Run(string[] args)
    {
        var ptbxl = args.Length > 0 ? args[0] : TestData.PtbXl;
        var count = args.Length > 1 ? int.Parse(args[1]) : 20;
        var px = args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 4;
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows()) Process.GetCurrentProcess().ProcessorAffinity = 1;
        var setup = new PaperSetup(PaperLayout.ThreeByFour, px, 29);
        var entries = DigitizationEvaluation.Records(ptbxl, count);
        Console.WriteLine($"Paper digitiser, one core, {entries.Count} PTB-XL fold-9 records printed 3x4 at {px:0.##} px/mm; digitising alone is timed");
        foreach (var level in DegradationOptions.Levels)
        {
            var images = new Dictionary<string, SKBitmap>();
            foreach (var entry in entries)
            {
                var record = RecordFiles.Read(entry.HeaderPath);
                using var page = PaperEcgRenderer.Render(record, setup.For(entry.EcgId));
                var degraded = PaperDegradation.Apply(page, level, setup.ImageSeed(entry.EcgId));
                images[entry.EcgId.ToString()] = degraded.Bitmap;
            }
            var refused = new HashSet<string>();
            var best = PerRecordTiming.BestOf([.. images.Keys], Passes, key =>
            {
                try { PaperDigitizer.Digitize(images[key], new DigitizeOptions { SamplingRate = 100 }); }
                catch (DigitizeException) { refused.Add(key); }
            });
            var size = images.Values.First();
            Console.WriteLine($"  {level.Name} ({size.Width} x {size.Height} px): {PerRecordTiming.Summary(best)}; {refused.Count} of {entries.Count} refused");
            foreach (var image in images.Values) image.Dispose();
        }
        Console.WriteLine($"  machine: {BenchData.Machine}");
        return 0;
    }
}
