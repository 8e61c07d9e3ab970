namespace Einthoven.Imaging.Digitizing;

/// <summary>
/// A row's 1 mV calibration pulse: in the 15 mm before the traces start, columns whose ink stands at least 3 mm tall
/// on the row's baseline. Its height is the gain in mm/mV and its foot the row's 0 mV line.
/// </summary>
internal sealed record CalibrationPulse(double HeightMm, double BaselineY)
{
    private const double SearchMm = 15, MinHeightMm = 3, FootToleranceMm = 2;

    public static CalibrationPulse? Find(RectifiedPage page, RowTrace row, double traceStart)
    {
        var mm = page.PxPerMm;
        var from = Math.Max(0, (int)(traceStart - SearchMm * mm));
        var to = Math.Min(page.Width - 1, (int)traceStart);
        int? top = null, foot = null;
        var columns = 0;
        for (var u = from; u < to; u++)
        {
            var v = (int)Math.Round(row.Baseline);
            // Walk up from the baseline through the column's ink.
            var lowest = -1;
            for (var d = 0; d <= FootToleranceMm * mm; d++)
            {
                if (v + d < page.Height && page[u, v + d] > TraceRows.InkThreshold) lowest = v + d;
            }
            if (lowest < 0) continue;
            var highest = lowest;
            while (highest > 0 && page[u, highest - 1] > TraceRows.InkThreshold) highest--;
            if (lowest - highest + 1 < MinHeightMm * mm) continue;
            columns++;
            top = Math.Min(top ?? highest, highest);
            foot = Math.Max(foot ?? lowest, lowest);
        }
        if (columns == 0 || top is null || foot is null) return null;
        var half = row.Thickness / 2;
        var (high, low) = (top.Value - 0.5 + half, foot.Value + 0.5 - half);
        return new CalibrationPulse((low - high) / mm, low);
    }
}
