using Einthoven.Signal.Records;

namespace Einthoven.Imaging.Digitizing;

/// <summary>
/// A paper ECG turned back into signals. <see cref="Record"/> is an ordinary record (leads named I..V6, mV, the rate
/// asked for, 10 s); each lead carries its value only where it was printed (<see cref="DigitizedLead.StartSeconds"/>
/// for <see cref="DigitizedLead.DurationSeconds"/>) and 0 mV elsewhere.
/// </summary>
public sealed record DigitizedEcg(EcgRecord Record, IReadOnlyList<DigitizedLead> Leads, PaperLayoutFound Layout, DigitizeOverlay Overlay)
{
    /// <summary>The weakest lead's confidence: a record is only as trustworthy as its worst lead.</summary>
    public double Confidence => Leads.Count == 0 ? 0 : Leads.Min(l => l.Confidence);
}

/// <summary>One lead as found on the page: where it was printed in record time and how sure the digitiser is (0..1).</summary>
public sealed record DigitizedLead(string Lead, double StartSeconds, double DurationSeconds, double Confidence);

/// <summary>What the digitiser learnt about the page: its layout, grid and calibration.</summary>
public sealed record PaperLayoutFound(string Layout, double PxPerMm, double MmPerSecond, double MmPerMv, bool CalibrationPulseFound);

/// <summary>
/// Where the digitiser saw things, in the input image's pixel coordinates, so a user can check it on their photo:
/// the page-to-image homography (page millimetres to image pixels, row-major 3x3), the grid's extent in page mm, and
/// each printed lead's extracted trace as a polyline.
/// </summary>
public sealed record DigitizeOverlay(double[] MmToImage, double GridLeftMm, double GridTopMm, double GridRightMm, double GridBottomMm, IReadOnlyList<OverlayTrace> Traces)
{
    public (double X, double Y) ToImage(double xMm, double yMm)
    {
        var h = MmToImage;
        var w = h[6] * xMm + h[7] * yMm + h[8];
        return ((h[0] * xMm + h[1] * yMm + h[2]) / w, (h[3] * xMm + h[4] * yMm + h[5]) / w);
    }
}

/// <summary>A printed lead's trace in image pixels, as x,y pairs in order (at most about one point per image column), and where its name goes.</summary>
public sealed record OverlayTrace(string Lead, float[] Points, float LabelX, float LabelY);
