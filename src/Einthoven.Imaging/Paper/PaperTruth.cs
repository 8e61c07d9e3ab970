namespace Einthoven.Imaging.Paper;

/// <summary>
/// What a digitiser should recover from an image, and where: every lead's and calibration pulse's geometry on the
/// rendered page, and the homography from page pixels to image pixels (identity until the page is degraded).
/// </summary>
public sealed record PaperTruth
{
    public required string RecordName { get; init; }
    public required PaperOptions Options { get; init; }
    public required int PageWidth { get; init; }
    public required int PageHeight { get; init; }
    public required IReadOnlyList<LeadPanel> Panels { get; init; }
    public required IReadOnlyList<CalibrationPulse> Calibrations { get; init; }
    public Homography PageToImage { get; init; } = Homography.Identity;
    /// <summary>
    /// Largest displacement (image px) that the homography does not model: creases shift part of the page slightly.
    /// A true point lies within this distance of its mapped position (plus any blur).
    /// </summary>
    public double UnmodelledDisplacementPx { get; init; }

    /// <summary>Where the trace of <paramref name="panel"/> at record time <paramref name="seconds"/> and value <paramref name="mv"/> lies in the image.</summary>
    public (double X, double Y) TracePoint(LeadPanel panel, double seconds, double mv) =>
        PageToImage.Map(panel.X(seconds), panel.Y(mv));

    /// <summary>The page's corners in the image (top-left, top-right, bottom-right, bottom-left).</summary>
    public IReadOnlyList<(double X, double Y)> PageCorners() =>
        [PageToImage.Map(0, 0), PageToImage.Map(PageWidth, 0), PageToImage.Map(PageWidth, PageHeight), PageToImage.Map(0, PageHeight)];
}
