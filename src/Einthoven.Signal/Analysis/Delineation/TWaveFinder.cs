namespace Einthoven.Signal.Analysis.Delineation;

/// <summary>
/// The T wave after the QRS: its peak is the maximum of the spatial magnitude in a window that scales with the RR
/// interval; its end is where the tangent at the steepest descent after the peak reaches the isoelectric floor
/// (the tangent method used for manual QT measurement).
/// </summary>
internal static class TWaveFinder
{
    private const double AfterQrs = 0.06, MaxFromR = 0.65, RrShare = 0.7, MinAmplitude = 0.05;

    public static Wave? Find(double[][] leads, int r, Wave qrs, double rrSeconds, double fs)
    {
        var iso = SpatialMagnitude.IsoelectricLevels(leads, qrs.Onset, fs);
        var m = SpatialMagnitude.Of(leads, iso, fs, 0.02);
        var from = qrs.Offset + QrsBoundaries.Sec(AfterQrs, fs);
        var to = Math.Min(m.Length - 1, r + QrsBoundaries.Sec(Math.Min(MaxFromR, RrShare * rrSeconds), fs));
        if (to - from < QrsBoundaries.Sec(0.08, fs)) return null;
        var peak = Slopes.ArgMax(m, from, to + 1);
        var floor = Math.Min(m[to], Slopes.Percentile(m[from..(to + 1)], 0.05));
        if (m[peak] - floor < MinAmplitude * Math.Sqrt(leads.Length / 12.0 + 0.1) || peak == to) return null;
        var slope = Slopes.Derivative(m, Math.Max(1, QrsBoundaries.Sec(0.01, fs)), fs);
        var steepest = peak;
        for (var i = peak; i <= to; i++) if (slope[i] < slope[steepest]) steepest = i;
        var end = slope[steepest] >= 0 ? to
            : (int)Math.Round(steepest + (floor - m[steepest]) / slope[steepest] * fs);
        var onset = qrs.Offset;
        for (var i = peak; i > qrs.Offset; i--)
            if (m[i] <= floor + 0.1 * (m[peak] - floor)) { onset = i; break; }
        return new Wave(onset, peak, Math.Clamp(end, peak + 1, to));
    }
}
