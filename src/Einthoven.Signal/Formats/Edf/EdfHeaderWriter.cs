using System.Globalization;
using System.Text;

namespace Einthoven.Signal.Formats.Edf;

/// <summary>Lays out an <see cref="EdfHeader"/> as the fixed-width ASCII header record.</summary>
internal static class EdfHeaderWriter
{
    public static byte[] Write(EdfHeader h)
    {
        var sb = new StringBuilder(h.HeaderBytes);
        Text(sb, h.Version, 8);
        Text(sb, h.Patient, 80);
        Text(sb, h.Recording, 80);
        Text(sb, h.StartDate, 8);
        Text(sb, h.StartTime, 8);
        Number(sb, h.HeaderBytes.ToString(CultureInfo.InvariantCulture), 8, "number of bytes in header record");
        Text(sb, h.Reserved, 44);
        Number(sb, h.RecordCount.ToString(CultureInfo.InvariantCulture), 8, "number of data records");
        Number(sb, EdfTal.Format(h.RecordDuration), 8, "duration of a data record");
        Number(sb, h.Signals.Count.ToString(CultureInfo.InvariantCulture), 4, "number of signals");
        foreach (var s in h.Signals) Text(sb, s.Label, 16);
        foreach (var s in h.Signals) Text(sb, s.Transducer, 80);
        foreach (var s in h.Signals) Text(sb, s.Dimension, 8);
        foreach (var s in h.Signals) Number(sb, EdfTal.Format(s.PhysicalMin), 8, "physical minimum");
        foreach (var s in h.Signals) Number(sb, EdfTal.Format(s.PhysicalMax), 8, "physical maximum");
        foreach (var s in h.Signals) Number(sb, s.DigitalMin.ToString(CultureInfo.InvariantCulture), 8, "digital minimum");
        foreach (var s in h.Signals) Number(sb, s.DigitalMax.ToString(CultureInfo.InvariantCulture), 8, "digital maximum");
        foreach (var s in h.Signals) Text(sb, s.Prefiltering, 80);
        foreach (var s in h.Signals) Number(sb, s.SamplesPerRecord.ToString(CultureInfo.InvariantCulture), 8, "samples per data record");
        foreach (var s in h.Signals) Text(sb, s.Reserved, 32);
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    private static void Text(StringBuilder sb, string value, int width)
    {
        var ascii = EdfIdentification.Ascii(value);
        sb.Append((ascii.Length > width ? ascii[..width] : ascii).PadRight(width));
    }

    private static void Number(StringBuilder sb, string value, int width, string field)
    {
        if (value.Length > width)
            throw new ArgumentException($"EDF {field} '{value}' does not fit its {width}-character field");
        sb.Append(value.PadRight(width));
    }
}
