using SkiaSharp;

namespace Einthoven.Imaging.Paper;

/// <summary>Colour of the printed 1 mm / 5 mm grid.</summary>
public enum GridColour { Red, Grey, Green, Blue, None }

internal static class GridInks
{
    /// <summary>Minor (1 mm) and major (5 mm) line colours, as commercial ECG paper prints them.</summary>
    public static (SKColor Minor, SKColor Major) Of(GridColour colour) => colour switch
    {
        GridColour.Red => (new SKColor(250, 200, 205), new SKColor(235, 120, 130)),
        GridColour.Grey => (new SKColor(215, 215, 215), new SKColor(160, 160, 160)),
        GridColour.Green => (new SKColor(200, 235, 200), new SKColor(110, 180, 115)),
        GridColour.Blue => (new SKColor(200, 215, 245), new SKColor(115, 150, 220)),
        _ => throw new ArgumentOutOfRangeException(nameof(colour), colour, "no ink for this grid"),
    };
}
