namespace Einthoven.TestSupport;

/// <summary>
/// Locates the shared PhysioNet data (../shared/data beside the repository, or $EINTHOVEN_DATA).
/// Tests read real data from there; it is never copied into the repository.
/// </summary>
public static class TestData
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    /// <summary>True in CI (CI=true), where tests that need a service .ci/run starts must run rather than skip.</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
    public static string MitDb => Path.Combine(Root, "mitdb");
    public static string Cinc2017 => Path.Combine(Root, "cinc2017");
    public static string PtbXl => Path.Combine(Root, "ptbxl");
    public static string Ludb => Path.Combine(Root, "ludb");

    /// <summary>The repository root (the folder holding Einthoven.slnx).</summary>
    public static string RepoRoot => FindUp(AppContext.BaseDirectory, d => File.Exists(Path.Combine(d, "Einthoven.slnx")))
        ?? throw new DirectoryNotFoundException("Einthoven.slnx not found above " + AppContext.BaseDirectory);

    public static string MitDbRecord(string name) => Path.Combine(MitDb, name);

    public static IReadOnlyList<string> MitDbRecords =>
        File.ReadAllLines(Path.Combine(MitDb, "RECORDS")).Where(l => l.Trim().Length > 0).Select(l => l.Trim()).ToArray();

    /// <summary>A fresh folder holding links to these MIT-BIH records' files (.hea, .dat, .atr): a small database of its own.</summary>
    public static string LinkedMitDbRecords(params string[] records)
    {
        var dir = TempDir();
        foreach (var record in records)
        foreach (var extension in new[] { "hea", "dat", "atr" })
            File.CreateSymbolicLink(Path.Combine(dir, $"{record}.{extension}"), $"{MitDbRecord(record)}.{extension}");
        return dir;
    }

    /// <summary>A fresh empty folder under the system temp folder.</summary>
    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "einthoven-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRoot()
    {
        var env = Environment.GetEnvironmentVariable("EINTHOVEN_DATA");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return env;
        var found = FindUp(AppContext.BaseDirectory, d => Directory.Exists(Path.Combine(d, "shared", "data", "mitdb")));
        return found is not null
            ? Path.Combine(found, "shared", "data")
            : throw new DirectoryNotFoundException("shared/data not found beside the repository; set EINTHOVEN_DATA");
    }

    private static string? FindUp(string start, Func<string, bool> test)
    {
        for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            if (test(d.FullName)) return d.FullName;
        return null;
    }
}
