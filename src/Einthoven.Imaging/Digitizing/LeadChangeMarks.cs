namespace Einthoven.Imaging.Digitizing;

/// <summary>
/// Registers time on the page from the short vertical marks a printer draws above the baseline where one lead gives
/// way to the next in a row (3x4 and 6x2 prints). They stand exactly at the panel boundaries, so they place time 0 more
/// precisely than the traces' end, which falls one sampling interval short of 10 s.
/// </summary>
internal static class LeadChangeMarks
{
    private const double SearchMm = 4, MarkFromMm = 2.5, MarkToMm = 4.5;

    /// <summary>The shift (rectified px) to add to the estimated time 0, or 0 when fewer than two marks agree.</summary>
    public static double Correction(RectifiedPage page, IReadOnlyList<RowTrace> rows, double traceStart, IEnumerable<(int Row, double Seconds)> boundaries, double pxPerSecond)
    {
        var offsets = new List<double>();
        foreach (var (row, seconds) in boundaries)
        {
            if (row >= rows.Count) continue;
            var expected = traceStart + seconds * pxPerSecond;
            if (Find(page, rows[row].Baseline, expected) is { } x) offsets.Add(x - expected);
        }
        if (offsets.Count < 2) return 0;
        offsets.Sort();
        var median = offsets[offsets.Count / 2];
        var agreeing = offsets.Where(o => Math.Abs(o - median) <= 0.5 * page.PxPerMm).ToArray();
        return agreeing.Length >= 2 && agreeing.Length >= offsets.Count / 2 ? agreeing.Average() : 0;
    }

    /// <summary>
    /// The ink-weighted x of a mark near <paramref name="expected"/>: a column inked through most of the band 2.5-4.5 mm
    /// above the baseline while the columns 1 mm either side are mostly blank there.
    /// </summary>
    private static double? Find(RectifiedPage page, double baseline, double expected)
    {
        var mm = page.PxPerMm;
        var (top, bottom) = ((int)Math.Round(baseline - MarkToMm * mm), (int)Math.Round(baseline - MarkFromMm * mm));
        if (top < 0 || bottom >= page.Height) return null;
        double Filled(int u)
        {
            if (u < 0 || u >= page.Width) return 0;
            var inked = 0;
            for (var v = top; v <= bottom; v++) if (page[u, v] > TraceRows.InkThreshold) inked++;
            return inked / (double)(bottom - top + 1);
        }
        var reach = (int)Math.Round(SearchMm * mm);
        var side = (int)Math.Ceiling(mm);
        double weight = 0, sum = 0;
        for (var u = (int)expected - reach; u <= (int)expected + reach; u++)
        {
            var filled = Filled(u);
            if (filled < 0.7 || Filled(u - side) > 0.3 || Filled(u + side) > 0.3) continue;
            double ink = 0;
            for (var v = top; v <= bottom; v++) ink += page[u, v];
            weight += ink;
            sum += ink * u;
        }
        return weight > 0 ? sum / weight : null;
    }
}
