namespace Einthoven.Signal.Tests.Support;

/// <summary>Runs dcmtk (dcmdump, dump2dcm) and dicom3tools (dciodvfy): DICOM implementations nobody here wrote.</summary>
internal static class DicomTools
{
    public static bool Has(string tool) => ExternalTool.OnPath(tool);

    /// <summary>Why the tool tests cannot run here, or null when dciodvfy, dcmdump and dump2dcm are all installed.</summary>
    public static string? Missing => new[] { "dciodvfy", "dcmdump", "dump2dcm" }.Where(t => !Has(t)).ToArray() is { Length: > 0 } missing
        ? $"{string.Join(", ", missing)} not on PATH; install the Debian packages dcmtk and dicom3tools" : null;

    /// <summary>Runs <paramref name="tool"/> and returns its exit code and its standard output and error together.</summary>
    public static (int ExitCode, string Output) Run(string tool, params string[] arguments)
    {
        var (code, stdout, stderr) = ExternalTool.Run(tool, arguments);
        return (code, stdout + stderr);
    }

    /// <summary>dciodvfy's report on a file: its error lines (none for a valid instance) and the whole text.</summary>
    public static (string[] Errors, string Report) Verify(string path)
    {
        var (_, output) = Run("dciodvfy", path);
        return (output.Split('\n').Where(l => l.StartsWith("Error", StringComparison.Ordinal)).ToArray(), output);
    }
}

/// <summary>A theory skipped, with the reason, where dcmtk or dicom3tools is missing (CI installs both).</summary>
public sealed class DicomToolsTheoryAttribute : TheoryAttribute
{
    public DicomToolsTheoryAttribute()
    {
        if (DicomTools.Missing is { } reason) Skip = reason;
    }
}
