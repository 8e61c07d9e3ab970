using Einthoven.Imaging.Paper;
using Einthoven.Signal.Records;
using SkiaSharp;

namespace Einthoven.Imaging.Digitizing;

/// <summary>
/// Turns a photo or scan of a printed 12-lead ECG back into a record: takes the lighting out, finds the grid and fits
/// the page's homography to it, redraws the grid area square at a known scale without the grid, finds the rows of
/// traces and the layout they make, follows each trace at sub-pixel precision, reads the calibration pulse for the
/// gain, and cuts the rows into leads.
/// </summary>
public static class PaperDigitizer
{
    public const double SpeedMmPerSecond = 25, StandardGainMmPerMv = 10;
    private const double MinPxPerMm = 3, RectifiedMaxPxPerMm = 8;
    /// <summary>Below this a lead's trace was lost too often to return it: the digitiser refuses rather than guess.</summary>
    public const double MinConfidence = 0.5;

    /// <summary>Decodes PNG or JPEG bytes (bounded as <see cref="PaperImages.Decode"/> does) and digitises them.</summary>
    public static DigitizedEcg Digitize(SKData image, string name, DigitizeOptions? options = null)
    {
        using var bitmap = PaperImages.Decode(image, name);
        return Digitize(bitmap, options);
    }

    /// <summary>Digitises an RGBA bitmap; throws <see cref="DigitizeException"/> when it cannot.</summary>
    public static DigitizedEcg Digitize(SKBitmap image, DigitizeOptions? options = null)
    {
        options ??= new DigitizeOptions();
        if (options.SamplingRate is < 50 or > 2000)
            throw new ArgumentOutOfRangeException(nameof(options), options.SamplingRate, "the sampling rate must be 50..2000 Hz");
        using var maps = InkMaps.From(image);
        var grid = FindGrid(maps);
        var page = RectifiedPage.From(maps, grid, Math.Clamp(Math.Round(grid.PxPerMm), 4, RectifiedMaxPxPerMm));
        var baselines = TraceRows.Baselines(page);
        var layout = LayoutOf(baselines.Count);
        var rows = baselines.Select((b, i) => new RowTrace(TraceTracker.Track(page, b,
            i == 0 ? 0 : baselines[i - 1], i == baselines.Count - 1 ? page.Height - 1 : baselines[i + 1]), b)).ToArray();
        var traceStart = TraceStart(page, rows);
        var boundaries = PaperLayouts.Slots(layout).Where(s => s.Column > 0).Select(s => (s.Row, s.StartSeconds));
        traceStart += LeadChangeMarks.Correction(page, rows, traceStart, boundaries, SpeedMmPerSecond * page.PxPerMm);
        var gain = Calibrate(page, rows, traceStart);
        var digitized = Assemble(maps, grid, page, rows, layout, traceStart, gain, options);
        if (digitized.Confidence < MinConfidence)
            throw new DigitizeException(DigitizeProblem.TooBlurred,
                $"The traces could not be followed reliably (lead {digitized.Leads.MinBy(l => l.Confidence)!.Lead} only {digitized.Confidence:P0}).",
                "Retake the photo straight on, in even light without shadows, with the page flat and in focus.");
        return digitized;
    }

    private static GridFit FindGrid(InkMaps maps)
    {
        var darkness = InkMaps.ToArray(maps.Darkness);
        var blackness = InkMaps.ToArray(maps.Blackness);
        var lines = InkMaps.ToArray(maps.ThinLines);
        var weights = new float[darkness.Length];
        for (var i = 0; i < weights.Length; i++)
            weights[i] = lines[i] > 0.03f && blackness[i] < 0.5f ? lines[i] : 0;
        var horizontal = GridLines.Find(weights, maps.Width, maps.Height, vertical: false);
        var vertical = GridLines.Find(weights, maps.Width, maps.Height, vertical: true);
        var grid = GridFitter.Fit(horizontal, vertical, maps.Width, maps.Height);
        // A grid wider or taller than the largest ECG paper means its millimetres were miscounted.
        if (grid is { PxPerMm: >= MinPxPerMm } && grid.RightMm - grid.LeftMm is >= 40 and <= 450 && grid.BottomMm - grid.TopMm is >= 25 and <= 350) return grid;
        // Only a lattice that fits well and spans a page's worth of lines is a grid seen too small rather than no grid at all.
        var credible = grid is { InlierRatio: >= 0.7 } && grid.RightMm - grid.LeftMm >= 100 && grid.BottomMm - grid.TopMm >= 60;
        throw ImageProblems.NoGrid(darkness, blackness, maps.Width, maps.Height, credible ? grid!.PxPerMm / maps.Scale : null);
    }

    private static PaperLayout LayoutOf(int rows) => rows switch
    {
        3 or 4 => PaperLayout.ThreeByFour,
        6 => PaperLayout.SixByTwo,
        12 => PaperLayout.TwelveByOne,
        0 => throw new DigitizeException(DigitizeProblem.LayoutNotFound, "The ECG grid was found but no traces on it.",
            "Photograph the whole printed page, traces included, in good light."),
        _ => throw new DigitizeException(DigitizeProblem.LayoutNotFound,
            $"Found {rows} rows of traces; a 12-lead page has 3 or 4 (3x4), 6 (6x2) or 12 (12x1).",
            "Photograph the whole page straight on, with every row of traces inside the picture."),
    };

    /// <summary>
    /// Rectified x of time 0, first estimate: every layout prints 10 s, so the traces start 250 mm before they end. A trace that ends
    /// at the photo's edge, or would start outside it, means the page is cut.
    /// </summary>
    private static double TraceStart(RectifiedPage page, RowTrace[] rows)
    {
        var ends = rows.Select(r => r.LastColumn(page.PxPerMm)).Where(e => e >= 0).OrderBy(e => e).ToArray();
        if (ends.Length == 0)
            throw new DigitizeException(DigitizeProblem.LayoutNotFound, "The ECG grid was found but the traces on it could not be followed.",
                "Retake the photo in even light, holding the phone still and parallel to the page.");
        var end = ends[ends.Length / 2];
        var margin = (int)Math.Ceiling(page.PxPerMm);
        var row = (int)Math.Round(rows[rows.Length / 2].Baseline);
        if (end + margin >= page.Width || !page.InImage[row * page.Width + Math.Min(page.Width - 1, end + margin)])
            throw Cropped("right");
        var start = end - 10 * SpeedMmPerSecond * page.PxPerMm;
        if (start - margin < 0 || !page.InImage[row * page.Width + (int)(start - margin)]) throw Cropped("left");
        return start;
    }

    private static DigitizeException Cropped(string side) => new(DigitizeProblem.Cropped,
        $"The {side} side of the ECG is cut off: the traces run to the edge of the photo.",
        "Step back or zoom out so the whole page, with a little table around it, is in the picture.");

    /// <summary>The gain in mm/mV from the rows' calibration pulses (the 1 mV step before the traces), and their baselines; 10 mm/mV if none is found.</summary>
    private static (double MmPerMv, bool Found) Calibrate(RectifiedPage page, RowTrace[] rows, double traceStart)
    {
        var heights = new List<double>();
        foreach (var row in rows)
            if (CalibrationPulse.Find(page, row, traceStart) is { } pulse)
            {
                heights.Add(pulse.HeightMm);
                row.Baseline = pulse.BaselineY;
            }
        if (heights.Count == 0) return (StandardGainMmPerMv, false);
        var measured = heights.OrderBy(h => h).ElementAt(heights.Count / 2);
        var standard = new[] { 2.5, 5, 10, 20 }.MinBy(s => Math.Abs(Math.Log(measured / s)));
        return (Math.Abs(measured / standard - 1) < 0.2 ? standard : measured, true);
    }

    private static DigitizedEcg Assemble(InkMaps maps, GridFit grid, RectifiedPage page, RowTrace[] rows, PaperLayout layout,
        double traceStart, (double MmPerMv, bool Found) gain, DigitizeOptions options)
    {
        var slots = PaperLayouts.Slots(layout).Where(s => s.Row < rows.Length).ToArray();
        var fs = options.SamplingRate;
        var count = (int)Math.Round(PaperLayouts.WindowSeconds * fs);
        var pxPerSecond = SpeedMmPerSecond * page.PxPerMm;
        var pxPerMv = gain.MmPerMv * page.PxPerMm;
        var names = new[] { "I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6" };
        var samples = names.Select(_ => new int[count]).ToArray();
        var leads = new Dictionary<string, DigitizedLead>();
        var traces = new List<OverlayTrace>();
        var gridQuality = Math.Min(1, grid.InlierRatio / 0.6);
        // The longest print of a lead wins (lead II is printed twice in 3x4: 2.5 s and the 10 s rhythm strip).
        foreach (var slot in slots.OrderBy(s => s.DurationSeconds))
        {
            var row = rows[slot.Row];
            var lead = Array.FindIndex(names, n => string.Equals(n, slot.Lead, StringComparison.OrdinalIgnoreCase));
            var (from, to) = ((int)Math.Round(slot.StartSeconds * fs), Math.Min(count, (int)Math.Round((slot.StartSeconds + slot.DurationSeconds) * fs)));
            Array.Clear(samples[lead]);
            for (var n = from; n < to; n++)
                if (row.YAt(traceStart + n / fs * pxPerSecond) is { } y)
                    samples[lead][n] = (int)Math.Round((row.Baseline - y) / pxPerMv * 1000);
            var (x0, x1) = (traceStart + slot.StartSeconds * pxPerSecond, traceStart + (slot.StartSeconds + slot.DurationSeconds) * pxPerSecond);
            leads[names[lead]] = new DigitizedLead(names[lead], slot.StartSeconds, slot.DurationSeconds, Confidence(row, x0, x1, page.PxPerMm) * gridQuality);
            traces.Add(Overlay(names[lead], row, x0, x1, page, grid, maps.Scale));
        }
        var info = new RecordInfo
        {
            Name = options.RecordName, SamplingFrequency = fs, SampleCount = count,
            Leads = names.Select(n => new LeadInfo { Name = n, Unit = "mV", Gain = 1000, AdcResolution = 16 }).ToArray(),
            Comments = [$"digitised from a paper ECG image ({PaperLayouts.Label(layout)})"],
        };
        var found = new PaperLayoutFound(PaperLayouts.Label(layout) + (layout == PaperLayout.ThreeByFour && rows.Length == 3 ? " (no rhythm strip)" : ""),
            grid.PxPerMm / maps.Scale, SpeedMmPerSecond, gain.MmPerMv, gain.Found);
        var overlay = new DigitizeOverlay(ScaleHomography(grid.MmToImage, 1 / maps.Scale), grid.LeftMm, grid.TopMm, grid.RightMm, grid.BottomMm, traces);
        return new DigitizedEcg(new EcgRecord(info, samples), names.Where(leads.ContainsKey).Select(n => leads[n]).ToArray(), found, overlay);
    }

    /// <summary>How much of the lead's stretch the trace was followed without a break: inked columns, less jumps of over 1 mm.</summary>
    private static double Confidence(RowTrace row, double x0, double x1, double pxPerMm)
    {
        var (from, to) = (Math.Max(0, (int)Math.Ceiling(x0)), Math.Min(row.Runs.Length - 1, (int)Math.Floor(x1)));
        if (to <= from) return 0;
        int inked = 0, jumps = 0;
        InkRun? last = null;
        for (var u = from; u <= to; u++)
        {
            if (row.Runs[u] is not { } run) continue;
            inked++;
            if (last is { } l && l.GapTo(run) > pxPerMm) jumps++;
            last = run;
        }
        var columns = to - from + 1;
        return Math.Round(inked / (double)columns * (1 - Math.Min(1, 5.0 * jumps / columns)), 3);
    }

    private static OverlayTrace Overlay(string lead, RowTrace row, double x0, double x1, RectifiedPage page, GridFit grid, double scale)
    {
        var points = new List<float>();
        var step = Math.Max(1, (int)Math.Round(page.PxPerMm / 4));
        for (var x = Math.Ceiling(x0); x < x1; x += step)
        {
            if (row.YAt(x) is not { } y) continue;
            var (ix, iy) = grid.ToImage(page.XMm(x), page.YMm(y));
            points.Add((float)(ix / scale));
            points.Add((float)(iy / scale));
        }
        var (lx, ly) = grid.ToImage(page.XMm(x0) + 1.5, page.YMm(row.Baseline) - 6);
        return new OverlayTrace(lead, points.ToArray(), (float)(lx / scale), (float)(ly / scale));
    }

    private static double[] ScaleHomography(double[] h, double factor) =>
        [h[0] * factor, h[1] * factor, h[2] * factor, h[3] * factor, h[4] * factor, h[5] * factor, h[6], h[7], h[8]];
}
