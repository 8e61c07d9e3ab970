using Einthoven.Signal.Analysis.Delineation;

namespace Einthoven.Signal.Analysis.Measurements;

/// <summary>
/// Frontal-plane axis in degrees (-180..180, 0 = lead I, +90 = aVF) of a wave from the net area of the limb leads.
/// In the hexaxial reference system lead L at angle φ reads s·|H|cos(θ-φ) (s = 1 for I, II, III and √3/2 for the
/// augmented leads); the heart vector H is the least-squares fit to every limb lead the record has.
/// </summary>
public static class FrontalAxis
{
    private static readonly (string Name, double Angle, double Scale)[] LimbLeads =
    [
        ("I", 0, 1), ("II", 60, 1), ("III", 120, 1),
        ("aVR", -150, Math.Sqrt(3) / 2), ("aVL", -30, Math.Sqrt(3) / 2), ("aVF", 90, Math.Sqrt(3) / 2),
    ];

    /// <summary>The axis of the samples <c>[wave.Onset, wave.Offset]</c>, areas taken above <paramref name="isoelectricIndex"/>'s level;
    /// null without two limb leads or when the net areas vanish.</summary>
    public static double? Compute(double[][] leads, IReadOnlyList<string> leadNames, Wave wave, int isoelectricIndex)
    {
        double sxx = 0, sxy = 0, syy = 0, bx = 0, by = 0;
        var used = 0;
        foreach (var (name, angle, scale) in LimbLeads)
        {
            var l = IndexOf(leadNames, name);
            if (l < 0) continue;
            var area = NetArea(leads[l], wave, isoelectricIndex);
            double cx = scale * Math.Cos(angle * Math.PI / 180), cy = scale * Math.Sin(angle * Math.PI / 180);
            sxx += cx * cx; sxy += cx * cy; syy += cy * cy; bx += cx * area; by += cy * area;
            used++;
        }
        var det = sxx * syy - sxy * sxy;
        if (used < 2 || det < 1e-9) return null;
        double hx = (syy * bx - sxy * by) / det, hy = (sxx * by - sxy * bx) / det;
        if (Math.Abs(hx) + Math.Abs(hy) < 1e-12) return null;
        return Math.Atan2(hy, hx) * 180 / Math.PI;
    }

    private static double NetArea(double[] x, Wave wave, int isoelectricIndex)
    {
        var level = x[Math.Clamp(isoelectricIndex, 0, x.Length - 1)];
        var sum = 0.0;
        for (var i = Math.Max(0, wave.Onset); i <= Math.Min(x.Length - 1, wave.Offset); i++) sum += x[i] - level;
        return sum;
    }

    private static int IndexOf(IReadOnlyList<string> names, string lead)
    {
        for (var i = 0; i < names.Count; i++)
            if (string.Equals(names[i].Trim(), lead, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }
}
