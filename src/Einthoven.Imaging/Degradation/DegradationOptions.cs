namespace Einthoven.Imaging.Degradation;

/// <summary>
/// How hard to degrade a rendered page. Each figure is a maximum; a seed draws the actual amounts. Lengths are in
/// millimetres of paper so a level means the same at any resolution.
/// </summary>
public sealed record DegradationOptions
{
    public required string Name { get; init; }
    /// <summary>Largest rotation, either way (degrees).</summary>
    public double RotationDegrees { get; init; }
    /// <summary>Largest shift of each page corner for perspective, as a fraction of the page's size.</summary>
    public double Perspective { get; init; }
    /// <summary>Smallest share of the frame's width the page fills (1: the page fills it, as on a scanner).</summary>
    public double MinPageScale { get; init; } = 1;
    /// <summary>The page lies on a table (a photo) rather than under a scanner's lid: what shows around it.</summary>
    public bool OnTable { get; init; }
    /// <summary>Largest darkening across the page by a lighting gradient (0..1).</summary>
    public double LightingGradient { get; init; }
    /// <summary>Largest darkness of a soft shadow (0..1).</summary>
    public double Shadow { get; init; }
    /// <summary>Largest Gaussian blur sigma (mm); the smallest is a third of it.</summary>
    public double BlurMm { get; init; }
    /// <summary>Standard deviation of sensor noise (grey levels, 0..255).</summary>
    public double Noise { get; init; }
    /// <summary>JPEG quality (1..100), or null to keep the pixels exact.</summary>
    public int? JpegQuality { get; init; }
    /// <summary>Largest number of creases.</summary>
    public int Creases { get; init; }
    /// <summary>Largest sideways shift of the paper across a crease (mm); not modelled by the homography.</summary>
    public double CreaseShiftMm { get; init; }
    /// <summary>Largest number of handwritten pen marks.</summary>
    public int HandwritingMarks { get; init; }

    public static DegradationOptions Clean { get; } = new() { Name = "clean" };

    public static DegradationOptions ScanLike { get; } = new()
    {
        Name = "scan", RotationDegrees = 2, MinPageScale = 0.97, BlurMm = 0.12, Noise = 2, JpegQuality = 85,
    };

    public static DegradationOptions PhoneLike { get; } = new()
    {
        Name = "phone", OnTable = true, RotationDegrees = 8, Perspective = 0.05, MinPageScale = 0.8, LightingGradient = 0.35, Shadow = 0.45,
        BlurMm = 0.2, Noise = 6, JpegQuality = 70, Creases = 2, CreaseShiftMm = 0.2, HandwritingMarks = 2,
    };

    public static IReadOnlyList<DegradationOptions> Levels { get; } = [Clean, ScanLike, PhoneLike];

    public static DegradationOptions Named(string name) =>
        Levels.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown degradation level '{name}'; known: {string.Join(", ", Levels.Select(l => l.Name))}", nameof(name));
}
