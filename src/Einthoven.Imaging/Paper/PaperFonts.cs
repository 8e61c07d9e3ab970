using SkiaSharp;

namespace Einthoven.Imaging.Paper;

/// <summary>Loads the page's font: a given TrueType file, else DejaVu Sans (Debian fonts-dejavu-core) by path, else via fontconfig.</summary>
public static class PaperFonts
{
    public const string DejaVuSansPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    public static SKTypeface Load(string? path = null)
    {
        if (path is not null)
            return File.Exists(path)
                ? SKTypeface.FromFile(path) ?? throw new ArgumentException($"{path}: not a font file SkiaSharp can read", nameof(path))
                : throw new FileNotFoundException($"font file {path} not found", path);
        if (File.Exists(DejaVuSansPath) && SKTypeface.FromFile(DejaVuSansPath) is { } byPath) return byPath;
        var matched = SKFontManager.Default.MatchFamily("DejaVu Sans");
        return matched is not null && matched.FamilyName.Contains("DejaVu", StringComparison.OrdinalIgnoreCase)
            ? matched
            : throw new InvalidOperationException($"DejaVu Sans not found at {DejaVuSansPath} nor through fontconfig; install the Debian package fonts-dejavu-core");
    }
}
