using System.Globalization;

namespace Einthoven.Signal.Formats.Aecg;

/// <summary>
/// The numbers of an aECG waveform: the time increment (sampling rate) and each lead's origin and scale (calibration).
/// Writers print them in decimal, so reading snaps to the simplest value that prints the same; writing picks the
/// shortest text that reads back as the exact value.
/// </summary>
internal static class AecgNumbers
{
    public static bool TryParse(string? text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Seconds per unit of a time quantity ("s", "ms", "us"), or null for another unit.</summary>
    public static double? Seconds(string? unit) => unit switch
    {
        "s" or null or "" => 1,
        "ms" => 1e-3,
        "us" => 1e-6,
        _ => null,
    };

    /// <summary>
    /// The sampling frequency of an increment printed as <paramref name="text"/> seconds: the rate with the fewest
    /// decimals whose increment prints as that text (0.00277778 s is 360 Hz), or 1 / increment when there is none.
    /// </summary>
    public static double Frequency(string text, double seconds)
    {
        var exact = 1 / seconds;
        var dot = text.IndexOf('.');
        var exponent = text.IndexOfAny(['e', 'E']);
        if (dot < 0 || exponent >= 0) return exact;
        var halfStep = 0.5 * Math.Pow(10, -(text.Length - dot - 1)) * (seconds / double.Parse(text, CultureInfo.InvariantCulture));
        for (var decimals = 0; decimals <= 6; decimals++)
        {
            var rounded = Math.Round(exact, decimals);
            if (rounded > 0 && Math.Abs(1 / rounded - seconds) <= halfStep * (1 + 1e-9)) return rounded;
        }
        return exact;
    }

    /// <summary>Gain, integer baseline and fractional baseline of a lead whose physical value is origin + scale × digit.</summary>
    public static (double Gain, int Baseline, double Fraction) Calibration(double origin, double scale)
    {
        var gain = Snap(1 / scale);
        var zero = -origin * gain;
        var baseline = Math.Round(zero);
        var fraction = Math.Round(zero - baseline, 9);
        if (fraction >= 0.5) (baseline, fraction) = (baseline + 1, fraction - 1);
        return (gain, (int)baseline, fraction == 0 ? 0 : fraction);
    }

    /// <summary>The shortest text of <paramref name="value"/> for which <paramref name="readsBack"/> holds (round-trip text otherwise).</summary>
    public static string Shortest(double value, Func<string, bool> readsBack)
    {
        for (var digits = 1; digits <= 17; digits++)
        {
            var text = Plain(value.ToString("G" + digits, CultureInfo.InvariantCulture));
            if (readsBack(text)) return text;
        }
        return Format(value);
    }

    /// <summary>Round-trip text in plain decimal notation (no exponent, which HL7 readers do not all accept).</summary>
    public static string Format(double value) => Plain(value.ToString("R", CultureInfo.InvariantCulture));

    private static string Plain(string text) =>
        text.Contains('E') ? decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) : text;

    /// <summary>A value within a few parts in 10^12 of a number with at most 9 decimals is that number.</summary>
    private static double Snap(double value)
    {
        var rounded = Math.Round(value, 9);
        return Math.Abs(rounded - value) <= Math.Abs(value) * 4e-12 ? rounded : value;
    }
}
