using System.Globalization;

namespace Einthoven.Signal.Formats.Aecg;

/// <summary>
/// HL7 v3 timestamps (TS): <c>YYYYMMDD[HH[MM[SS[.fraction]]]][+/-ZZZZ]</c>. The zone offset is dropped: records keep the
/// local time of the recording, as the other formats do.
/// </summary>
internal static class AecgTime
{
    /// <summary>The time a TS states, and whether it states a time of day (not only a date); null if it is no TS.</summary>
    public static (DateTime Time, bool HasTime)? Parse(string text)
    {
        var s = text.Trim();
        var zone = s.IndexOfAny(['+', '-']);
        if (zone >= 0) s = s[..zone];
        var dot = s.IndexOf('.');
        var whole = dot >= 0 ? s[..dot] : s;
        if (whole.Length is not (8 or 10 or 12 or 14) || !whole.All(char.IsAsciiDigit)) return null;
        var padded = whole.PadRight(14, '0');
        if (!DateTime.TryParseExact(padded, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)) return null;
        if (dot >= 0)
        {
            var fraction = s[(dot + 1)..];
            if (whole.Length != 14 || fraction.Length is 0 or > 12 || !fraction.All(char.IsAsciiDigit)) return null;
            time = time.AddTicks((long)Math.Round(decimal.Parse("0." + fraction, CultureInfo.InvariantCulture) * TimeSpan.TicksPerSecond));
        }
        return (time, whole.Length > 8);
    }

    /// <summary>A TS to the microsecond (enough to tell samples apart at 10 kHz).</summary>
    public static string Format(DateTime time) => time.ToString("yyyyMMddHHmmss.ffffff", CultureInfo.InvariantCulture);

    /// <summary>A date-only TS.</summary>
    public static string Format(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
