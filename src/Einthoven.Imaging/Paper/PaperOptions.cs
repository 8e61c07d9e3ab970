namespace Einthoven.Imaging.Paper;

/// <summary>How a record is printed: resolution, paper, layout, grid, calibration and header.</summary>
public sealed record PaperOptions
{
    /// <summary>Pixels per millimetre of paper (4 is about 100 dpi, 12 about 300 dpi).</summary>
    public double PxPerMm { get; init; } = 4;
    public double PaperWidthMm { get; init; } = A4WidthMm;
    public double PaperHeightMm { get; init; } = A4HeightMm;
    public PaperLayout Layout { get; init; } = PaperLayout.ThreeByFour;
    public GridColour Grid { get; init; } = GridColour.Red;
    /// <summary>Paper speed; 25 mm/s is the standard.</summary>
    public double SpeedMmPerSecond { get; init; } = 25;
    /// <summary>Gain; 10 mm/mV is the standard.</summary>
    public double GainMmPerMv { get; init; } = 10;
    public double TraceWidthMm { get; init; } = 0.25;
    /// <summary>Where in the record the 10 s window starts.</summary>
    public double StartSeconds { get; init; }
    /// <summary>A TrueType font file for labels and header; null takes DejaVu Sans (fonts-dejavu-core).</summary>
    public string? FontPath { get; init; }
    /// <summary>Header name; null takes the record's patient name metadata, else its record name.</summary>
    public string? PatientName { get; init; }
    /// <summary>Header date; null takes the record's start, else none is printed.</summary>
    public DateTime? Recorded { get; init; }

    public const double A4WidthMm = 297, A4HeightMm = 210;
    public const double LetterWidthMm = 279.4, LetterHeightMm = 215.9;

    /// <summary>Upper bound on the page's pixels, so a mistyped resolution fails instead of exhausting memory.</summary>
    public const long MaxPixels = 80_000_000;
}
