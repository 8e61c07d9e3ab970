namespace Einthoven.Signal.Tests.Support;

/// <summary>Runs Debian's biosig-tools <c>save2gdf</c>, an EDF implementation nobody here wrote.</summary>
internal static class Biosig
{
    public const string Missing = "save2gdf (Debian package biosig-tools) is not on PATH; install it with apt-get install biosig-tools";

    public static bool Available { get; } = ExternalTool.OnPath("save2gdf");

    /// <summary>Runs save2gdf with <paramref name="arguments"/> and returns its standard output; fails on a non-zero exit.</summary>
    public static string Run(params string[] arguments)
    {
        var (code, stdout, stderr) = ExternalTool.Run("save2gdf", arguments);
        if (code != 0)
            throw new InvalidOperationException($"save2gdf {string.Join(' ', arguments)} exited with {code}: {stderr}");
        return stdout;
    }
}

/// <summary>A fact that is skipped, with the reason, where save2gdf is not installed (CI installs it).</summary>
public sealed class BiosigFactAttribute : FactAttribute
{
    public BiosigFactAttribute()
    {
        if (!Biosig.Available) Skip = Biosig.Missing;
    }
}
