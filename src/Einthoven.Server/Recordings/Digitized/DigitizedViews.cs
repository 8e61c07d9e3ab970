using System.Text.Json;
using Einthoven.Imaging.Digitizing;

namespace Einthoven.Server.Recordings.Digitized;

/// <summary>
/// What the digitiser found on a photo of a paper ECG: the weakest lead's confidence (0..1), the page's layout, grid and
/// calibration, and each lead's printed stretch with its confidence. Stored with the recording (<see cref="Recording.DigitizedJson"/>).
/// </summary>
public sealed record DigitizedSummary(double Confidence, PaperLayoutFound Layout, IReadOnlyList<DigitizedLead> Leads)
{
    public static DigitizedSummary Of(DigitizedEcg ecg) => new(ecg.Confidence, ecg.Layout, ecg.Leads);

    public string ToJson() => JsonSerializer.Serialize(this, RecordInfoJson.Options);

    public static DigitizedSummary? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<DigitizedSummary>(json, RecordInfoJson.Options);
}

/// <summary>
/// Where the digitiser saw the grid and the traces, in the uploaded photo's pixels (turned upright as its EXIF
/// orientation says, as browsers show it): the grid's outline (the first four lines) and its 5 mm lines, and each
/// printed lead's trace as x,y pairs with where its label goes. <c>MmToImage</c> maps page millimetres to those pixels.
/// </summary>
public sealed record DigitizeOverlayView(double[] MmToImage, IReadOnlyList<OverlayLine> Grid, IReadOnlyList<OverlayTrace> Traces)
{
    public static DigitizeOverlayView Of(DigitizeOverlay overlay) =>
        new(overlay.MmToImage, OverlayPainter.GridLines(overlay), overlay.Traces.Select(Finite).ToList());

    // JSON has no NaN: a point the digitiser could not place is left out of the line.
    private static OverlayTrace Finite(OverlayTrace t)
    {
        var points = new List<float>(t.Points.Length);
        for (var i = 0; i + 1 < t.Points.Length; i += 2)
            if (float.IsFinite(t.Points[i]) && float.IsFinite(t.Points[i + 1])) points.AddRange([t.Points[i], t.Points[i + 1]]);
        return t with { Points = [.. points] };
    }
}

/// <summary>The answer to POST /api/digitize/preview: the photo's size in pixels, what was found, and the overlay to draw on it.</summary>
public sealed record DigitizePreview(string FileName, int ImageWidth, int ImageHeight, DigitizedSummary Digitized, DigitizeOverlayView Overlay);
