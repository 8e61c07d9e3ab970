using Einthoven.Signal.Records;
using SkiaSharp;

namespace Einthoven.Imaging.Paper;

/// <summary>
/// Prints a 12-lead record as an ECG page (grid, calibration pulses, traces, lead labels, header) and returns the
/// ground truth of where every lead lies in pixels.
/// </summary>
public static class PaperEcgRenderer
{
    // Page furniture, in millimetres.
    private const double SideMarginMm = 5, HeaderMm = 20, FooterMm = 8;
    private const double CalibrationLeadInMm = 2, CalibrationTailMm = 3;
    // Thinner antialiased lines fade to grey between pixels at low resolutions, where a printer's dot would not.
    private const double MinTracePx = 1.5;

    public static RenderedPaper Render(EcgRecord record, PaperOptions? options = null)
    {
        options ??= new PaperOptions();
        var px = options.PxPerMm;
        if (!(px > 0) || !(options.SpeedMmPerSecond > 0) || !(options.GainMmPerMv > 0))
            throw new ArgumentException("resolution, speed and gain must be positive", nameof(options));
        var width = (int)Math.Round(options.PaperWidthMm * px);
        var height = (int)Math.Round(options.PaperHeightMm * px);
        if (width < 1 || height < 1 || (long)width * height > PaperOptions.MaxPixels)
            throw new ArgumentException($"a {width} x {height} px page is outside 1 px .. {PaperOptions.MaxPixels} px", nameof(options));

        var slots = PaperLayouts.Slots(options.Layout);
        var leads = slots.Select(s => s.Lead).Distinct().ToDictionary(l => l, l => LeadSignal(record, l));
        var (panels, pulses) = Place(options, slots);

        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        using (var typeface = PaperFonts.Load(options.FontPath))
        {
            canvas.Clear(SKColors.White);
            if (options.Grid != GridColour.None)
                PaperGrid.Draw(canvas, options.Grid, px, GridArea(options));
            using var ink = new SKPaint
            {
                Color = SKColors.Black, IsAntialias = true, Style = SKPaintStyle.Stroke,
                StrokeWidth = (float)Math.Max(MinTracePx, options.TraceWidthMm * px), StrokeJoin = SKStrokeJoin.Round, StrokeCap = SKStrokeCap.Round,
            };
            foreach (var pulse in pulses) canvas.DrawPath(CalibrationPath(pulse, px), ink);
            foreach (var panel in panels)
            {
                using var path = TracePath(leads[panel.Lead], record.Info.SamplingFrequency, panel, options.StartSeconds);
                canvas.DrawPath(path, ink);
                if (panel.Column > 0) // the printer's short tick where one lead gives way to the next
                    canvas.DrawLine((float)panel.X0, (float)(panel.BaselineY - 2 * px), (float)panel.X0, (float)(panel.BaselineY - 5 * px), ink);
            }
            PaperText.Draw(canvas, typeface, record.Info, options, panels, width, height);
        }
        var truth = new PaperTruth
        {
            RecordName = record.Info.Name, Options = options, PageWidth = width, PageHeight = height,
            Panels = panels.Select(p => p with { StartSeconds = p.StartSeconds + options.StartSeconds }).ToArray(),
            Calibrations = pulses,
        };
        return new RenderedPaper(bitmap, truth);
    }

    private static double[] LeadSignal(EcgRecord record, string lead)
    {
        var index = record.Info.LeadIndex(lead);
        return index >= 0
            ? record.Physical(index)
            : throw new ArgumentException(
                $"record {record.Info.Name} has no lead {lead}; a printed 12-lead page needs I, II, III, aVR, aVL, aVF, V1-V6 (it has {string.Join(", ", record.Info.Leads.Select(l => l.Name))})",
                nameof(record));
    }

    private static SKRect GridArea(PaperOptions o) => new(
        (float)(SideMarginMm * o.PxPerMm), (float)(HeaderMm * o.PxPerMm),
        (float)((Math.Floor(o.PaperWidthMm) - SideMarginMm) * o.PxPerMm), (float)((Math.Floor(o.PaperHeightMm) - FooterMm) * o.PxPerMm));

    /// <summary>Panels with times relative to the window start, and one calibration pulse per row; all at whole millimetres.</summary>
    private static (LeadPanel[] Panels, CalibrationPulse[] Pulses) Place(PaperOptions o, IReadOnlyList<LeadSlot> slots)
    {
        var px = o.PxPerMm;
        var pulseMm = 0.2 * o.SpeedMmPerSecond;
        var calibrationMm = CalibrationLeadInMm + pulseMm + CalibrationTailMm;
        var traceMm = PaperLayouts.WindowSeconds * o.SpeedMmPerSecond;
        var gridWidthMm = Math.Floor(o.PaperWidthMm) - 2 * SideMarginMm;
        var gridHeightMm = Math.Floor(o.PaperHeightMm) - HeaderMm - FooterMm;
        if (calibrationMm + traceMm > gridWidthMm || gridHeightMm < 10)
            throw new ArgumentException($"{o.PaperWidthMm} x {o.PaperHeightMm} mm paper cannot hold {PaperLayouts.WindowSeconds} s at {o.SpeedMmPerSecond} mm/s", nameof(o));
        var calibrationX = SideMarginMm + Math.Floor((gridWidthMm - calibrationMm - traceMm) / 2);
        var traceX = calibrationX + Math.Ceiling(calibrationMm);
        var rows = PaperLayouts.Rows(o.Layout);
        var pitch = gridHeightMm / rows;
        double Baseline(int row) => Math.Round(HeaderMm + pitch * (row + 0.62)) * px;

        var panels = slots.Select(s => new LeadPanel(s.Lead, s.Row, s.Column, s.StartSeconds, s.DurationSeconds,
            (traceX + s.StartSeconds * o.SpeedMmPerSecond) * px, Baseline(s.Row), o.SpeedMmPerSecond * px, o.GainMmPerMv * px)).ToArray();
        var pulses = Enumerable.Range(0, rows).Select(r => new CalibrationPulse(r,
            (calibrationX + CalibrationLeadInMm) * px, Baseline(r), pulseMm * px, o.GainMmPerMv * px)).ToArray();
        return (panels, pulses);
    }

    private static SKPath CalibrationPath(CalibrationPulse p, double px)
    {
        using var path = new SKPathBuilder();
        var y0 = (float)p.BaselineY;
        var top = (float)(p.BaselineY - p.HeightPx);
        var x = (float)p.X;
        path.MoveTo((float)(x - CalibrationLeadInMm * px), y0);
        path.LineTo(x, y0);
        path.LineTo(x, top);
        path.LineTo(x + (float)p.WidthPx, top);
        path.LineTo(x + (float)p.WidthPx, y0);
        path.LineTo(x + (float)(p.WidthPx + CalibrationTailMm * px), y0);
        return path.Detach();
    }

    /// <summary>
    /// The panel's trace resampled to the pixel grid: one interpolated point per pixel column when samples are sparser
    /// than columns, else each column's lowest and highest sample in time order (so no peak is lost).
    /// </summary>
    internal static SKPath TracePath(double[] signal, double fs, LeadPanel panel, double windowStart)
    {
        using var path = new SKPathBuilder();
        var columns = (int)Math.Floor(panel.DurationSeconds * panel.PxPerSecond);
        var samplesPerColumn = fs / panel.PxPerSecond;
        var started = false;
        void Add(double x, double mv)
        {
            var point = new SKPoint((float)x, (float)panel.Y(mv));
            if (started) path.LineTo(point); else path.MoveTo(point);
            started = true;
        }
        for (var i = 0; i <= columns; i++)
        {
            var index = (windowStart + panel.StartSeconds) * fs + i * samplesPerColumn;
            if (index < 0) continue;
            if (index > signal.Length - 1) break;
            var x = panel.X0 + i;
            var first = (int)Math.Ceiling(index);
            var last = Math.Min(signal.Length - 1, (int)Math.Ceiling(index + samplesPerColumn) - 1);
            if (samplesPerColumn <= 1 || i == columns || last <= first)
            {
                var k = (int)Math.Floor(index);
                var f = index - k;
                Add(x, k + 1 < signal.Length ? signal[k] * (1 - f) + signal[k + 1] * f : signal[k]);
                continue;
            }
            var (lo, hi) = (first, first);
            for (var k = first; k <= last; k++)
            {
                if (signal[k] < signal[lo]) lo = k;
                if (signal[k] > signal[hi]) hi = k;
            }
            // The column's samples print within it: at its centre.
            Add(x + 0.5, signal[Math.Min(lo, hi)]);
            Add(x + 0.5, signal[Math.Max(lo, hi)]);
        }
        return path.Detach();
    }
}
