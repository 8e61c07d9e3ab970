namespace Einthoven.Cli.Plotting;

/// <summary>An RGB colour.</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    public string Hex => $"#{R:x2}{G:x2}{B:x2}";

    public static readonly Rgb Black = new(0, 0, 0);
    public static readonly Rgb White = new(255, 255, 255);
    public static readonly Rgb MinorGrid = new(250, 200, 200);
    public static readonly Rgb MajorGrid = new(232, 120, 120);
    public static readonly Rgb Mark = new(30, 80, 200);
}

/// <summary>Something drawn on the page; every coordinate and size is in millimetres from the top-left corner.</summary>
public abstract record Shape(Rgb Colour, string? Id = null);

public sealed record LineShape(double X1, double Y1, double X2, double Y2, double Width, Rgb Colour, string? Id = null) : Shape(Colour, Id);

public sealed record PolylineShape(IReadOnlyList<(double X, double Y)> Points, double Width, Rgb Colour, string? Id = null) : Shape(Colour, Id);

/// <summary>Text whose baseline starts at (X, Y); <see cref="Size"/> is the capital height.</summary>
public sealed record TextShape(double X, double Y, double Size, string Text, Rgb Colour, string? Id = null) : Shape(Colour, Id);

/// <summary>A page of shapes, drawn in order, on a white background.</summary>
public sealed record PlotScene(double WidthMm, double HeightMm, IReadOnlyList<Shape> Shapes);
