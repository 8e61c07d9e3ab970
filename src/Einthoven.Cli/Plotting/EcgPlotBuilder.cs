using System.Globalization;
using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Records;

namespace Einthoven.Cli.Plotting;

/// <summary>
/// Lays out an ECG printout: 1 mm / 5 mm paper grid, one row per lead at the chosen speed and gain, a 1 mV
/// calibration pulse at the start of every row, lead labels, R-peak marks from the QRS detector, the symbols of the
/// record's reference annotations, and a header.
/// </summary>
public static class EcgPlotBuilder
{
    public const double Margin = 5, HeaderHeight = 12, CalibrationWidth = 10, RowMillivolts = 3.5;

    public static PlotScene Build(EcgRecord record, EcgPlotOptions o)
    {
        var info = record.Info;
        var fs = info.SamplingFrequency;
        var first = (int)Math.Clamp(Math.Round(o.FromSeconds * fs), 0, info.SampleCount);
        var last = (int)Math.Clamp(Math.Round(o.ToSeconds * fs), first, info.SampleCount);
        if (last - first < 2) throw new CliUsageException($"--from {o.FromSeconds} --to {o.ToSeconds} selects no samples of {info.Name} ({info.Duration.TotalSeconds:0.###} s long)");
        var leads = SelectLeads(info, o.Leads);
        var rowHeight = Math.Ceiling(RowMillivolts * o.GainMmPerMillivolt / 5) * 5;
        var traceLeft = Margin + CalibrationWidth;
        var gridWidth = Math.Ceiling((CalibrationWidth + (last - first) / fs * o.SpeedMmPerSecond) / 5) * 5;
        var gridTop = Margin + HeaderHeight;
        var gridHeight = rowHeight * leads.Count;
        var shapes = new List<Shape>();
        Grid(shapes, Margin, gridTop, gridWidth, gridHeight);
        var rPeaks = QrsDetector.Detect(record, leads[0]).Where(r => r >= first && r < last).ToArray();
        var reference = record.Annotations.TryGetValue("atr", out var atr) ? atr.Where(a => a.Sample >= first && a.Sample < last).ToArray() : [];
        for (var row = 0; row < leads.Count; row++)
        {
            var lead = leads[row];
            var baseline = gridTop + row * rowHeight + rowHeight * 0.6;
            var x = record.Physical(lead).AsSpan(first, last - first).ToArray();
            var offset = Median(x);
            double X(long sample) => traceLeft + (sample - first) / fs * o.SpeedMmPerSecond;
            double Y(double mv) => baseline - (mv - offset) * o.GainMmPerMillivolt;
            shapes.Add(Calibration(Margin + 2, baseline, o, row));
            shapes.Add(new TextShape(Margin + 1, gridTop + row * rowHeight + 4, 2.5, info.Leads[lead].Name, Rgb.Black, $"label-{row}"));
            shapes.Add(new PolylineShape(x.Select((v, i) => (X(first + i), Y(v))).ToArray(), 0.25, Rgb.Black, $"trace-{row}"));
            foreach (var r in rPeaks)
                shapes.Add(new LineShape(X(r), gridTop + row * rowHeight + 1, X(r), gridTop + row * rowHeight + 3, 0.3, Rgb.Mark, "r-peak"));
            if (row == 0)
                foreach (var a in reference)
                    shapes.Add(new TextShape(X(a.Sample) - 0.8, gridTop + row * rowHeight + 7, 2, a.Symbol, Rgb.Mark, "annotation"));
        }
        shapes.Add(new TextShape(Margin, Margin + 5, 3.5, Header(info, first, last, o), Rgb.Black, "header"));
        shapes.Add(new TextShape(Margin, Margin + 10, 2.5, "Not a certified medical device. R marks: QRS detector; symbols: reference annotations.", Rgb.Black, "notice"));
        return new PlotScene(gridWidth + 2 * Margin, gridTop + gridHeight + Margin, shapes);
    }

    private static List<int> SelectLeads(RecordInfo info, IReadOnlyList<string>? names)
    {
        if (names is null || names.Count == 0) return Enumerable.Range(0, info.Leads.Count).ToList();
        return names.Select(n => info.LeadIndex(n) is var i and >= 0 ? i
            : throw new CliUsageException($"{info.Name} has no lead '{n}'; it has: {string.Join(", ", info.Leads.Select(l => l.Name))}")).ToList();
    }

    private static void Grid(List<Shape> shapes, double left, double top, double width, double height)
    {
        for (var pass = 0; pass < 2; pass++)
        {
            var major = pass == 1;
            for (var mm = 0; mm <= width; mm++)
                if ((mm % 5 == 0) == major) shapes.Add(new LineShape(left + mm, top, left + mm, top + height, major ? 0.2 : 0.1, major ? Rgb.MajorGrid : Rgb.MinorGrid, major ? "grid-major" : "grid-minor"));
            for (var mm = 0; mm <= height; mm++)
                if ((mm % 5 == 0) == major) shapes.Add(new LineShape(left, top + mm, left + width, top + mm, major ? 0.2 : 0.1, major ? Rgb.MajorGrid : Rgb.MinorGrid, major ? "grid-major" : "grid-minor"));
        }
    }

    /// <summary>The standard 1 mV, 200 ms square pulse.</summary>
    private static PolylineShape Calibration(double left, double baseline, EcgPlotOptions o, int row)
    {
        var width = 0.2 * o.SpeedMmPerSecond;
        var top = baseline - o.GainMmPerMillivolt;
        return new PolylineShape([(left - 1, baseline), (left, baseline), (left, top), (left + width, top), (left + width, baseline), (left + width + 1, baseline)],
            0.3, Rgb.Black, $"calibration-{row}");
    }

    private static string Header(RecordInfo info, int first, int last, EcgPlotOptions o) => string.Create(CultureInfo.InvariantCulture,
        $"{info.Name}   {first / info.SamplingFrequency:0.###}-{last / info.SamplingFrequency:0.###} s   {o.SpeedMmPerSecond:0.#} mm/s   {o.GainMmPerMillivolt:0.#} mm/mV   {info.SamplingFrequency:0.###} Hz");

    private static double Median(double[] x)
    {
        var copy = (double[])x.Clone();
        Array.Sort(copy);
        return copy[copy.Length / 2];
    }
}
