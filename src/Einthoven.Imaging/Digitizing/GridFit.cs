using OpenCvSharp;

namespace Einthoven.Imaging.Digitizing;

/// <summary>
/// The printed grid found in a photo: the homography from page millimetres (origin at an arbitrary grid line, x right,
/// y down) to working-image pixels, the extent of the grid seen, and how well the lines fit one lattice.
/// </summary>
internal sealed record GridFit(double[] MmToImage, double LeftMm, double TopMm, double RightMm, double BottomMm, double PxPerMm, double InlierRatio, bool MinorLinesSeen)
{
    public (double X, double Y) ToImage(double xMm, double yMm)
    {
        var h = MmToImage;
        var w = h[6] * xMm + h[7] * yMm + h[8];
        return ((h[0] * xMm + h[1] * yMm + h[2]) / w, (h[3] * xMm + h[4] * yMm + h[5]) / w);
    }
}

/// <summary>
/// Fits a millimetre lattice to the grid lines: orders each family across the page, numbers its lines by the local
/// pitch (so a missed line or the gentle change of pitch under perspective does not break the count), tells 1 mm lines
/// from 5 mm ones by every fifth line's extra ink, and fits the homography to the crossings (RANSAC).
/// </summary>
internal static class GridFitter
{
    /// <summary>Fewest lines a family needs before the digitiser trusts it as a grid.</summary>
    public const int MinLines = 8;

    public static GridFit? Fit((List<GridLine> Lines, double Pitch) horizontal, (List<GridLine> Lines, double Pitch) vertical, int width, int height)
    {
        var rows = Number(horizontal);
        var columns = Number(vertical);
        if (rows is null || columns is null) return null;

        var source = new List<Point2d>();
        var target = new List<Point2d>();
        foreach (var (row, yMm) in Thin(rows.Lines))
        foreach (var (column, xMm) in Thin(columns.Lines))
        {
            if (row.Cross(column) is not { } p || p.X < -2 || p.Y < -2 || p.X > width + 2 || p.Y > height + 2) continue;
            source.Add(new Point2d(xMm, yMm));
            target.Add(new Point2d(p.X, p.Y));
        }
        if (source.Count < 12) return null;
        using var inliers = new Mat();
        using var h = Cv2.FindHomography(source, target, HomographyMethods.Ransac, 2.0, inliers);
        if (h.Empty()) return null;
        var matrix = new double[9];
        for (var i = 0; i < 9; i++) matrix[i] = h.At<double>(i / 3, i % 3);
        var inlierRatio = Cv2.CountNonZero(inliers) / (double)source.Count;

        var fit = new GridFit(matrix, columns.Lines[0].Mm, rows.Lines[0].Mm, columns.Lines[^1].Mm, rows.Lines[^1].Mm, 0, inlierRatio,
            rows.MinorSeen || columns.MinorSeen);
        return fit with { PxPerMm = LocalScale(fit) };
    }

    private sealed record Numbered(List<(GridLine Line, double Mm)> Lines, bool MinorSeen);

    private static IEnumerable<(GridLine Line, double Mm)> Thin(List<(GridLine Line, double Mm)> lines)
    {
        var stride = Math.Max(1, lines.Count / 45);
        return lines.Where((_, i) => i % stride == 0);
    }

    /// <summary>Pixels per millimetre at the middle of the grid (mean of the two directions).</summary>
    private static double LocalScale(GridFit fit)
    {
        var (cx, cy) = ((fit.LeftMm + fit.RightMm) / 2, (fit.TopMm + fit.BottomMm) / 2);
        var (x0, y0) = fit.ToImage(cx, cy);
        var (x1, y1) = fit.ToImage(cx + 1, cy);
        var (x2, y2) = fit.ToImage(cx, cy + 1);
        return (Math.Sqrt((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0)) + Math.Sqrt((x2 - x0) * (x2 - x0) + (y2 - y0) * (y2 - y0))) / 2;
    }

    /// <param name="family">the lines and the rough pitch of their vote profile, which sets how close two lines may be</param>
    private static Numbered? Number((List<GridLine> Lines, double Pitch) family)
    {
        // The strong lines only: on a blurred or compressed photo the 1 mm lines come and go, and a count that mixes
        // them in slips; the 5 mm lines survive. Where every line is as strong (no heavier fifth line), all are kept.
        var strong = family.Lines.Count == 0 ? 0 : family.Lines.Select(l => l.Votes).OrderBy(v => v).ElementAt((int)(0.9 * (family.Lines.Count - 1)));
        var found = family.Lines.Where(l => l.Votes >= 0.35 * strong).ToList();
        var lines = Deduplicate(found.OrderBy(l => l.Position).ToList(), Math.Max(1.5, 0.6 * family.Pitch));
        if (lines.Count < MinLines) return null;
        var gaps = lines.Zip(lines.Skip(1), (a, b) => b.Position - a.Position).ToArray();
        var pitch = ModalGap(gaps);
        if (pitch is not { } p0) return null;
        lines = Deduplicate(lines, 0.45 * p0);
        if (lines.Count < MinLines) return null;

        (lines, var index) = Renumber(lines, p0);
        if (lines.Count < MinLines) return null;

        // A photo too coarse for the 1 mm lines can show faint lines halfway between the 5 mm ones (the 1 mm lines
        // blurred together): every other line is then the strong one. Only the lines as strong as those are the grid's,
        // numbered again at their own pitch.
        if (HalfwayLines(lines, index) is { } means)
        {
            var threshold = Math.Sqrt(means.Strong * means.Faint);
            lines = Deduplicate(found.Where(l => l.Votes >= threshold).OrderBy(l => l.Position).ToList(), 1.2 * p0);
            if (lines.Count < MinLines) return null;
            if (ModalGap(lines.Zip(lines.Skip(1), (a, b) => b.Position - a.Position).ToArray()) is not { } p1) return null;
            (lines, index) = Renumber(Deduplicate(lines, 0.45 * p1), p1);
            if (lines.Count < MinLines) return null;
        }
        var (minorSeen, majorResidue) = MajorLines(lines, index);
        (lines, index) = LargestCluster(lines, index, minorSeen ? 10 : 3);
        if (lines.Count < MinLines) return null;
        var span = index[^1] - index[0];
        // Without a visible every-fifth pattern, the count of lines decides: a printed ECG grid is over 100 mm tall and wide.
        var mmPerStep = minorSeen || span > 90 ? 1 : 5;
        var numbered = lines.Select((l, k) => (l, (double)(mmPerStep == 1 ? index[k] - majorResidue : 5 * index[k]))).ToList();
        return new Numbered(numbered, minorSeen);
    }

    /// <summary>
    /// Numbers the lines. Equally spaced lines on the page cross a transversal at positions that are a 1-D projective
    /// function of their number, <c>s = (a n + b) / (c n + 1)</c>. Starting from the strongest line near the middle with
    /// the modal pitch, the model is fitted to the lines of a window that doubles each round, so perspective's slow change
    /// of pitch is learnt before it could make the count slip; a line that fits no number (text, a trace) is dropped.
    /// </summary>
    private static (List<GridLine> Lines, int[] Index) Renumber(List<GridLine> lines, double pitch)
    {
        var middle = (lines[0].Position + lines[^1].Position) / 2;
        var anchor = lines.Where(l => Math.Abs(l.Position - middle) < 10 * pitch).DefaultIfEmpty(lines[lines.Count / 2]).MaxBy(l => l.Votes)!;
        var model = (A: pitch, B: anchor.Position, C: 0.0);
        var (kept, index) = (lines, Enumerable.Range(0, lines.Count).ToArray());
        for (var window = 8 * pitch; ; window *= 2)
        {
            var best = new Dictionary<int, int>();
            for (var k = 0; k < lines.Count; k++)
            {
                var s = lines[k].Position;
                if (Math.Abs(s - anchor.Position) > window) continue;
                var n = (s - model.B) / (model.A - model.C * s);
                var rounded = (int)Math.Round(n);
                if (Math.Abs(n - rounded) > 0.25) continue;
                if (!best.TryGetValue(rounded, out var other) || lines[other].Votes < lines[k].Votes) best[rounded] = k;
            }
            var order = best.OrderBy(p => p.Key).ToArray();
            kept = order.Select(p => lines[p.Value]).ToList();
            index = order.Select(p => p.Key).ToArray();
            if (kept.Count >= 5 && FitProjective(kept, index) is { } fitted) model = fitted;
            if (window > lines[^1].Position - lines[0].Position) break;
        }
        return (kept, index);
    }

    private static (double A, double B, double C)? FitProjective(List<GridLine> lines, int[] index)
    {
        // Least squares for a n + b - c n s = s.
        var ata = new double[3, 3];
        var atb = new double[3];
        for (var k = 0; k < lines.Count; k++)
        {
            var (n, s) = (index[k], lines[k].Position);
            double[] row = [n, 1, -n * s];
            for (var i = 0; i < 3; i++)
            {
                atb[i] += row[i] * s;
                for (var j = 0; j < 3; j++) ata[i, j] += row[i] * row[j];
            }
        }
        return Solve3(ata, atb) is { } x ? (x[0], x[1], x[2]) : null;
    }

    private static double[]? Solve3(double[,] m, double[] b)
    {
        double Det(double[,] a) =>
            a[0, 0] * (a[1, 1] * a[2, 2] - a[1, 2] * a[2, 1]) - a[0, 1] * (a[1, 0] * a[2, 2] - a[1, 2] * a[2, 0]) + a[0, 2] * (a[1, 0] * a[2, 1] - a[1, 1] * a[2, 0]);
        var det = Det(m);
        if (Math.Abs(det) < 1e-12) return null;
        var x = new double[3];
        for (var c = 0; c < 3; c++)
        {
            var mc = (double[,])m.Clone();
            for (var r = 0; r < 3; r++) mc[r, c] = b[r];
            x[c] = Det(mc) / det;
        }
        return x;
    }

    /// <summary>
    /// The grid itself: the largest run of lines without a gap of more than <paramref name="maxGap"/> steps. Lines
    /// beyond it belong to the page's edge, the header's text or the table, not the grid.
    /// </summary>
    private static (List<GridLine> Lines, int[] Index) LargestCluster(List<GridLine> lines, int[] index, int maxGap)
    {
        var (bestStart, bestLength, start) = (0, 0, 0);
        for (var k = 1; k <= lines.Count; k++)
        {
            if (k < lines.Count && index[k] - index[k - 1] <= maxGap) continue;
            if (k - start > bestLength) (bestStart, bestLength) = (start, k - start);
            start = k;
        }
        return (lines.GetRange(bestStart, bestLength), index[bestStart..(bestStart + bestLength)]);
    }

    /// <summary>Whether every fifth line carries clearly more ink (so the lines are 1 mm apart), and which residue those are.</summary>
    private static (bool MinorSeen, int Residue) MajorLines(List<GridLine> lines, int[] index)
    {
        var sums = new double[5];
        var counts = new int[5];
        for (var k = 0; k < lines.Count; k++)
        {
            var r = ((index[k] % 5) + 5) % 5;
            sums[r] += lines[k].Votes;
            counts[r]++;
        }
        if (counts.Any(c => c == 0)) return (false, 0);
        var means = sums.Select((s, r) => s / counts[r]).ToArray();
        var best = Array.IndexOf(means, means.Max());
        var others = means.Where((_, r) => r != best).OrderBy(m => m).ToArray();
        var median = (others[1] + others[2]) / 2;
        return (means[best] > 1.3 * median, best);
    }

    /// <summary>
    /// The mean votes of the strong and the faint lines when the numbered lines alternate strong and faint more
    /// plainly than every fifth line stands out, else null.
    /// </summary>
    private static (double Strong, double Faint)? HalfwayLines(List<GridLine> lines, int[] index)
    {
        var means = ResidueMeans(lines, index, 2);
        if (means is null) return null;
        var (strong, faint) = (means.Max(), means.Min());
        var contrast = strong / Math.Max(1e-9, faint);
        var fifths = ResidueMeans(lines, index, 5);
        var fifthContrast = fifths is null ? 1 : fifths.Max() / Math.Max(1e-9, fifths.OrderBy(m => m).ElementAt(2));
        return contrast > 1.5 && contrast > fifthContrast ? (strong, faint) : null;
    }

    /// <summary>Mean votes of the lines by their number modulo <paramref name="period"/>, or null if a residue has none.</summary>
    private static double[]? ResidueMeans(List<GridLine> lines, int[] index, int period)
    {
        var sums = new double[period];
        var counts = new int[period];
        for (var k = 0; k < lines.Count; k++)
        {
            var r = ((index[k] % period) + period) % period;
            sums[r] += lines[k].Votes;
            counts[r]++;
        }
        return counts.Any(c => c == 0) ? null : sums.Select((v, r) => v / counts[r]).ToArray();
    }

    /// <summary>The most common spacing between neighbouring lines: the grid's pitch, in pixels.</summary>
    private static double? ModalGap(double[] gaps)
    {
        double? best = null;
        var bestScore = 0.0;
        for (var p = 2.5; p <= 80; p *= 1.01)
        {
            var score = 0.0;
            foreach (var g in gaps)
            {
                var z = (g - p) / (0.06 * p);
                score += Math.Exp(-z * z);
            }
            if (score > bestScore) (best, bestScore) = (p, score);
        }
        if (bestScore < 3 || best is not { } pitch) return null;
        var near = gaps.Where(g => Math.Abs(g / pitch - 1) < 0.15).ToArray();
        return near.Length > 0 ? near.Average() : pitch;
    }

    private static List<GridLine> Deduplicate(List<GridLine> sorted, double minGap)
    {
        var kept = new List<GridLine>();
        foreach (var line in sorted)
        {
            if (kept.Count > 0 && line.Position - kept[^1].Position < minGap)
            {
                if (line.Votes > kept[^1].Votes) kept[^1] = line;
                continue;
            }
            kept.Add(line);
        }
        return kept;
    }
}
