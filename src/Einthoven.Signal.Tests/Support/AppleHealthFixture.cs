using System.Globalization;
using System.Text;

namespace Einthoven.Signal.Tests.Support;

/// <summary>Synthetic Apple Health ECG exports in the app's layout (no real patient data exists here).</summary>
internal static class AppleHealthFixture
{
    /// <summary>30 s at 512 Hz of a synthetic beat every second, in µV with three decimals.</summary>
    public static double[] Waveform(int seconds = 30) =>
        Enumerable.Range(0, 512 * seconds).Select(i =>
        {
            var t = i % 512 / 512.0;
            return Math.Round(t is > 0.2 and < 0.24 ? 1200 * Math.Sin((t - 0.2) / 0.04 * Math.PI) : 60 * Math.Sin(2 * Math.PI * t), 3);
        }).ToArray();

    public static string Text(double[] values, bool decimalComma = false, bool withUnit = true)
    {
        var sb = new StringBuilder();
        sb.Append("Name,Test Person\n");
        sb.Append("Date of Birth,\"Jan 15, 1990\"\n");
        sb.Append("Recorded Date,2026-05-30 16:32:18 -0700\n");
        sb.Append("Classification,Sinus Rhythm\n");
        sb.Append("Symptoms,\n");
        sb.Append("Software Version,1.90\n");
        sb.Append("Device,\"Watch6,7\"\n");
        sb.Append("Sample Rate,512 hertz\n\n\n");
        sb.Append("Lead,Lead I\n");
        if (withUnit) sb.Append("Unit,µV\n");
        sb.Append("\n\n");
        foreach (var v in values)
        {
            var s = v.ToString("0.###", CultureInfo.InvariantCulture);
            sb.Append(decimalComma ? s.Replace('.', ',') : s).Append('\n');
        }
        return sb.ToString();
    }
}
