namespace Einthoven.Bench;

/// <summary>Where the benchmarks find the shared PhysioNet data and how they describe the machine.</summary>
internal static class BenchData
{
    public static string MitDb(string[] args, int index = 0) =>
        args.Length > index ? args[index] : Path.Combine(FindShared(), "mitdb");

    public static IReadOnlyList<string> Records(string dbDir) =>
        File.ReadAllLines(Path.Combine(dbDir, "RECORDS")).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();

    public static string Machine =>
        $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";

    private static string FindShared()
    {
        var env = Environment.GetEnvironmentVariable("EINTHOVEN_DATA");
        if (!string.IsNullOrEmpty(env)) return env;
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (Directory.Exists(Path.Combine(d.FullName, "shared", "data", "mitdb"))) return Path.Combine(d.FullName, "shared", "data");
        throw new DirectoryNotFoundException("shared/data not found; pass the data folder or set EINTHOVEN_DATA");
    }
}
