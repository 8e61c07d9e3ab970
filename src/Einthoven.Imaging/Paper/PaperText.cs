using System.Globalization;
using Einthoven.Signal.Records;
using SkiaSharp;

namespace Einthoven.Imaging.Paper;

/// <summary>The page's words: a header (patient, date, record), lead labels and a footer with speed, gain and rate.</summary>
internal static class PaperText
{
    public static void Draw(SKCanvas canvas, SKTypeface typeface, RecordInfo info, PaperOptions o, IReadOnlyList<LeadPanel> panels, int width, int height)
    {
        var px = (float)o.PxPerMm;
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var header = new SKFont(typeface, 3.2f * px);
        using var small = new SKFont(typeface, 2.6f * px);
        using var label = new SKFont(typeface, 3.5f * px);

        var name = o.PatientName ?? info.Metadata.GetValueOrDefault(MetadataKeys.PatientName) ?? $"Record {info.Name}";
        canvas.DrawText(name, 6 * px, 7 * px, SKTextAlign.Left, header, paint);
        canvas.DrawText(Patient(info), 6 * px, 12 * px, SKTextAlign.Left, small, paint);
        if ((o.Recorded ?? info.Start) is { } when)
            canvas.DrawText(when.ToString("dd.MM.yyyy  HH:mm:ss", CultureInfo.InvariantCulture), width - 6 * px, 7 * px, SKTextAlign.Right, header, paint);
        canvas.DrawText($"12-lead ECG  {PaperLayouts.Label(o.Layout)}", width - 6 * px, 12 * px, SKTextAlign.Right, small, paint);

        var footer = string.Create(CultureInfo.InvariantCulture,
            $"{o.SpeedMmPerSecond:0.#} mm/s    {o.GainMmPerMv:0.#} mm/mV    {info.SamplingFrequency:0.#} Hz    {info.Name}");
        canvas.DrawText(footer, 6 * px, height - 2.5f * px, SKTextAlign.Left, small, paint);

        foreach (var p in panels)
            canvas.DrawText(p.Lead, (float)p.X0 + 1.5f * px, (float)p.BaselineY - 6 * px, SKTextAlign.Left, label, paint);
    }

    private static string Patient(RecordInfo info)
    {
        var m = info.Metadata;
        var parts = new List<string>();
        if (m.GetValueOrDefault(MetadataKeys.PatientId) is { } id) parts.Add($"ID {id}");
        if (m.GetValueOrDefault(MetadataKeys.Age) is { } age) parts.Add($"{age} y");
        if (m.GetValueOrDefault(MetadataKeys.Sex) is { } sex) parts.Add(sex);
        parts.Add(string.Create(CultureInfo.InvariantCulture, $"{info.Duration.TotalSeconds:0.#} s recorded"));
        return string.Join("    ", parts);
    }
}
