using Einthoven.Evaluation.Databases;
using Einthoven.TestSupport;

namespace Einthoven.Bench;

/// <summary>Where the benchmarks find the shared PhysioNet data and how they describe the machine.</summary>
internal static class BenchData
{
    public static string MitDb(string[] args, int index = 0) => args.Length > index ? args[index] : TestData.MitDb;

    public static IReadOnlyList<string> Records(string dbDir) => DatabaseRecords.Read(dbDir);

    public static string Machine =>
        $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, load average {LoadAverage}";

    private static string LoadAverage => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
