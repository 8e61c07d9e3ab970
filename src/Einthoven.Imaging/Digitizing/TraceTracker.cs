namespace Einthoven.Imaging.Digitizing;

/// <summary>One pixel column's stretch of trace ink: rows <see cref="Top"/>..<see cref="Bottom"/> and its ink-weighted centre.</summary>
internal readonly record struct InkRun(int Top, int Bottom, double Centre, double Mass)
{
    public int Height => Bottom - Top + 1;

    public double GapTo(InkRun other) => Math.Max(0, Math.Max(other.Top - Bottom - 1, Top - other.Bottom - 1));
}

/// <summary>
/// Follows one printed row's trace across the page: in every pixel column the candidate runs of ink between the
/// neighbouring rows' baselines, and the cheapest path through them (dynamic programming) that stays connected and
/// near its own baseline, so a neighbouring row's tall QRS that reaches into this row is not taken for this trace.
/// </summary>
internal static class TraceTracker
{
    private const int MaxRunsPerColumn = 8;
    private const double GapCostPerMm = 4, BaselineCostPerMm = 0.15, MissingColumnCost = 0.4;

    /// <summary>The chosen run in every column (null where the row has no ink).</summary>
    public static InkRun?[] Track(RectifiedPage page, double baseline, double bandTop, double bandBottom)
    {
        var top = Math.Max(0, (int)Math.Floor(bandTop));
        var bottom = Math.Min(page.Height - 1, (int)Math.Ceiling(bandBottom));
        var runs = new InkRun[page.Width][];
        for (var u = 0; u < page.Width; u++) runs[u] = Runs(page, u, top, bottom);

        var mm = page.PxPerMm;
        var cost = new double[page.Width][];
        var from = new int[page.Width][];
        var previous = -1;
        for (var u = 0; u < page.Width; u++)
        {
            var here = runs[u];
            cost[u] = new double[here.Length];
            from[u] = new int[here.Length];
            for (var j = 0; j < here.Length; j++)
            {
                var unary = BaselineCostPerMm * Math.Abs(here[j].Centre - baseline) / mm - Math.Min(1, here[j].Mass / mm);
                var best = 0.0;
                var arg = -1;
                if (previous >= 0)
                {
                    var skipped = (u - previous - 1) * MissingColumnCost;
                    best = double.MaxValue;
                    for (var i = 0; i < runs[previous].Length; i++)
                    {
                        var c = cost[previous][i] + skipped + GapCostPerMm * runs[previous][i].GapTo(here[j]) / mm;
                        if (c < best) (best, arg) = (c, i);
                    }
                }
                cost[u][j] = best + unary;
                from[u][j] = arg;
            }
            if (here.Length > 0) previous = u;
        }

        var chosen = new InkRun?[page.Width];
        if (previous < 0) return chosen;
        var k = Array.IndexOf(cost[previous], cost[previous].Min());
        for (var u = previous; u >= 0 && k >= 0;)
        {
            chosen[u] = runs[u][k];
            var back = from[u][k];
            u--;
            while (u >= 0 && runs[u].Length == 0) u--;
            k = back;
        }
        return chosen;
    }

    private static InkRun[] Runs(RectifiedPage page, int u, int top, int bottom)
    {
        var found = new List<InkRun>();
        var v = top;
        while (v <= bottom)
        {
            if (page[u, v] <= TraceRows.InkThreshold) { v++; continue; }
            var start = v;
            double mass = 0, weighted = 0;
            while (v <= bottom && page[u, v] > TraceRows.InkThreshold)
            {
                var ink = page[u, v];
                mass += ink;
                weighted += ink * v;
                v++;
            }
            found.Add(new InkRun(start, v - 1, weighted / mass, mass));
        }
        return found.Count <= MaxRunsPerColumn ? found.ToArray() : found.OrderByDescending(r => r.Mass).Take(MaxRunsPerColumn).OrderBy(r => r.Top).ToArray();
    }
}
