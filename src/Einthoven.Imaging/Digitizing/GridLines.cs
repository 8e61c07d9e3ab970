namespace Einthoven.Imaging.Digitizing;

/// <summary>
/// A straight grid line in the image, <c>A x + B y = C</c> with (A, B) a unit normal; <see cref="Votes"/> is how much
/// ink lies along it and <see cref="Position"/> where it crosses the image's middle transversal.
/// </summary>
internal sealed record GridLine(double A, double B, double C, double Votes, double Position)
{
    /// <summary>Where two lines cross, or null when they are (nearly) parallel.</summary>
    public (double X, double Y)? Cross(GridLine other)
    {
        var det = A * other.B - B * other.A;
        if (Math.Abs(det) < 1e-9) return null;
        return ((C * other.B - B * other.C) / det, (A * other.C - C * other.A) / det);
    }
}

/// <summary>
/// Finds one family of grid lines (near-horizontal, or near-vertical) with a weighted Hough transform restricted to
/// ±<see cref="MaxTiltDegrees"/>: a photo is seldom tilted more, and the narrow range keeps the transform fast.
/// </summary>
internal static class GridLines
{
    public const double MaxTiltDegrees = 12;
    private const double AngleStepDegrees = 0.1;

    /// <param name="weights">ink weight per pixel (0 where no grid ink), row-major <paramref name="width"/> x <paramref name="height"/></param>
    /// <param name="vertical">find near-vertical lines instead of near-horizontal ones</param>
    public static (List<GridLine> Lines, double Pitch) Find(float[] weights, int width, int height, bool vertical)
    {
        // In the family's own frame u runs along the lines and v across them.
        var (uLength, vLength) = vertical ? (height, width) : (width, height);
        var angles = (int)Math.Round(2 * MaxTiltDegrees / AngleStepDegrees) + 1;
        var sin = new double[angles];
        var cos = new double[angles];
        for (var a = 0; a < angles; a++)
        {
            var radians = (-MaxTiltDegrees + a * AngleStepDegrees) * Math.PI / 180;
            (sin[a], cos[a]) = (Math.Sin(radians), Math.Cos(radians));
        }
        var reach = (int)Math.Ceiling(uLength * Math.Sin(MaxTiltDegrees * Math.PI / 180)) + 2;
        var bins = vLength + 2 * reach;
        var votes = new float[angles * bins];
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var w = weights[y * width + x];
            if (w <= 0) continue;
            var (u, v) = vertical ? (y + 0.5, x + 0.5) : (x + 0.5, y + 0.5);
            for (var a = 0; a < angles; a++)
            {
                var rho = v * cos[a] - u * sin[a] + reach;
                var bin = (int)rho;
                var f = (float)(rho - bin);
                var row = a * bins + bin;
                votes[row] += w * (1 - f);
                votes[row + 1] += w * f;
            }
        }
        var pitch = ProfilePitch(votes, angles, bins);
        var offset = Math.Clamp((int)Math.Round(pitch / 2), 2, 12);
        return (Peaks(Contrast(votes, angles, bins, offset), angles, bins, reach, sin, cos, uLength, vertical), pitch);
    }

    /// <summary>
    /// Each bin's votes less those half a pitch to either side. Along a grid line the neighbours fall on the paper between lines;
    /// at a wrong angle the integration path crosses the whole lattice and every bin collects about the same, so the
    /// lattice's texture no longer outvotes the lines themselves.
    /// </summary>
    private static float[] Contrast(float[] votes, int angles, int bins, int offset)
    {
        var contrast = new float[votes.Length];
        for (var a = 0; a < angles; a++)
        for (var r = offset; r < bins - offset; r++)
        {
            var i = a * bins + r;
            contrast[i] = Math.Max(0, votes[i] - 0.5f * (votes[i - offset] + votes[i + offset]));
        }
        return contrast;
    }

    /// <summary>
    /// The line spacing in pixels, roughly: the first strong peak of the autocorrelation of the vote profile at the
    /// angle whose profile is peakiest (the lines' own angle, near enough).
    /// </summary>
    private static double ProfilePitch(float[] votes, int angles, int bins)
    {
        var (bestAngle, bestEnergy) = (0, -1.0);
        for (var a = 0; a < angles; a++)
        {
            double sum = 0, squares = 0;
            for (var r = 0; r < bins; r++) { sum += votes[a * bins + r]; squares += votes[a * bins + r] * (double)votes[a * bins + r]; }
            var energy = squares - sum * sum / bins;
            if (energy > bestEnergy) (bestAngle, bestEnergy) = (a, energy);
        }
        var profile = new double[bins];
        var mean = 0.0;
        for (var r = 0; r < bins; r++) mean += profile[r] = votes[bestAngle * bins + r];
        mean /= bins;
        for (var r = 0; r < bins; r++) profile[r] -= mean;
        const int maxLag = 60;
        var correlation = new double[maxLag + 2];
        for (var lag = 1; lag <= maxLag + 1; lag++)
            for (var r = 0; r + lag < bins; r++) correlation[lag] += profile[r] * profile[r + lag];
        var strongest = correlation.Skip(2).Take(maxLag - 1).Max();
        for (var lag = 2; lag <= maxLag; lag++)
            if (correlation[lag] > 0.3 * strongest && correlation[lag] >= correlation[lag - 1] && correlation[lag] >= correlation[lag + 1])
                return lag;
        return 4;
    }

    private static List<GridLine> Peaks(float[] votes, int angles, int bins, int reach, double[] sin, double[] cos, int uLength, bool vertical)
    {
        var best = votes.Max();
        if (best <= 0) return [];
        var threshold = 0.07f * best;
        var lines = new List<GridLine>();
        const int angleWindow = 6, rhoWindow = 1;
        for (var a = 0; a < angles; a++)
        for (var r = 1; r < bins - 1; r++)
        {
            var value = votes[a * bins + r];
            if (value < threshold || !IsLocalMax(votes, angles, bins, a, r, angleWindow, rhoWindow, value)) continue;
            // Sub-bin position from the neighbours (parabola through three bins).
            var (left, right) = (votes[a * bins + r - 1], votes[a * bins + r + 1]);
            var denominator = left - 2 * value + right;
            var offset = denominator < 0 ? 0.5 * (left - right) / denominator : 0;
            var rho = r + offset - reach;
            // v cos - u sin = rho, in image coordinates.
            var (nu, nv) = (-sin[a], cos[a]);
            var (A, B) = vertical ? (nv, nu) : (nu, nv);
            var middle = uLength / 2.0;
            var position = (rho + middle * sin[a]) / cos[a];
            lines.Add(new GridLine(A, B, rho, value, position));
        }
        return lines;
    }

    private static bool IsLocalMax(float[] votes, int angles, int bins, int a, int r, int angleWindow, int rhoWindow, float value)
    {
        for (var da = -angleWindow; da <= angleWindow; da++)
        {
            var aa = a + da;
            if (aa < 0 || aa >= angles) continue;
            for (var dr = -rhoWindow; dr <= rhoWindow; dr++)
            {
                if (da == 0 && dr == 0) continue;
                var other = votes[aa * bins + r + dr];
                // Ties go to the first of equal neighbours so a flat top yields one peak.
                if (other > value || (other == value && (da < 0 || (da == 0 && dr < 0)))) return false;
            }
        }
        return true;
    }
}
