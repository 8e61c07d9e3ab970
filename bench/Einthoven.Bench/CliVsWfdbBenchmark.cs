using System.Diagnostics;
using Einthoven.Signal.Formats;

namespace Einthoven.Bench;

/// <summary>
/// The published `einthoven` against WFDB's C tools, one process per record as people run them in a shell loop, paired
/// in one run: `einthoven detect` against `gqrs` and `einthoven convert` (to CSV) against `rdsamp -c -p`, interleaved
/// (the order flips each run), CPU from getrusage of the finished children. Then both detectors' Se/+P by the same
/// scorer, and `einthoven detect` over the whole database in one process. bench/wfdb/setup.sh builds the tools.
/// </summary>
internal static class CliVsWfdbBenchmark
{
    private sealed record Tool(string Name, Func<string, string, ProcessStartInfo> Start, bool StdoutToFile = false);

    public static int Run(string[] args)
    {
        var positional = args.Where((a, i) => !a.StartsWith("--") && (i == 0 || args[i - 1] is not ("--runs" or "--tools"))).ToArray();
        var db = Path.GetFullPath(BenchData.MitDb(positional));
        var runs = Option(args, "--runs") is { } r ? int.Parse(r) : 5;
        var tools = Path.GetFullPath(Option(args, "--tools") ?? Path.Combine(Einthoven.TestSupport.TestData.RepoRoot, "bench", "wfdb", ".build"));
        var einthoven = Path.Combine(tools, "einthoven", "einthoven");
        var wfdbBin = Path.Combine(tools, "wfdb", "bin");
        if (!File.Exists(einthoven)) return Fail($"{einthoven} not found: run bench/wfdb/setup.sh (it publishes the CLI as the README's install does)");
        var withWfdb = File.Exists(Path.Combine(wfdbBin, "gqrs")) && File.Exists(Path.Combine(wfdbBin, "rdsamp"));
        if (!withWfdb && !args.Contains("--einthoven-only"))
            return Fail($"gqrs and rdsamp not found in {wfdbBin}: run bench/wfdb/setup.sh (needs WFDB's sources), or pass --einthoven-only to time einthoven alone");

        var records = BenchData.Records(db);
        var work = Directory.CreateTempSubdirectory("einthoven-cli-vs-wfdb").FullName;
        var pairs = new List<(string Task, Tool Ours, Tool? Theirs)>
        {
            ("detect", new Tool("einthoven detect", (rec, dir) => Start(einthoven, ["detect", Path.Combine(db, rec), "-o", dir + "/"])),
                withWfdb ? new Tool("gqrs", (rec, dir) => Wfdb(Path.Combine(wfdbBin, "gqrs"), db, dir, ["-r", rec])) : null),
            ("read", new Tool("einthoven convert (CSV)", (rec, dir) => Start(einthoven, ["convert", Path.Combine(db, rec), Path.Combine(dir, rec + ".csv")])),
                withWfdb ? new Tool("rdsamp -c -p", (rec, dir) => Wfdb(Path.Combine(wfdbBin, "rdsamp"), db, dir, ["-r", rec, "-c", "-p", "-v"]), StdoutToFile: true) : null),
        };
        var cpu = new Dictionary<string, List<double>>();
        Console.WriteLine($"{records.Count} records of {db}, one process per record, {runs} interleaved runs; {BenchData.Machine}");
        for (var run = 0; run < runs; run++)
            foreach (var (task, ours, theirs) in pairs)
            {
                var order = theirs is null ? [ours] : run % 2 == 0 ? new[] { ours, theirs } : [theirs, ours];
                foreach (var tool in order)
                {
                    var dir = Directory.CreateDirectory(Path.Combine(work, tool.Name.Split(' ')[0] + "-" + task)).FullName;
                    var (seconds, wall) = PerRecord(tool, records, dir);
                    (cpu.TryGetValue(tool.Name, out var list) ? list : cpu[tool.Name] = []).Add(seconds);
                    Console.WriteLine($"  run {run + 1}: {tool.Name,-24} CPU {seconds,6:0.00} s  wall {wall,6:0.00} s");
                }
            }
        Console.WriteLine("\nMedian CPU over the runs (all records, one process each):");
        foreach (var (task, ours, theirs) in pairs)
        {
            var o = Median(cpu[ours.Name]);
            Console.WriteLine(theirs is null ? $"  {task}: {ours.Name} {o:0.00} s ({1000 * o / records.Count:0.0} ms a record)"
                : $"  {task}: {ours.Name} {o:0.00} s, {theirs.Name} {Median(cpu[theirs.Name]):0.00} s: einthoven / WFDB = {o / Median(cpu[theirs.Name]):0.00}");
        }

        Console.WriteLine("\nAccuracy by the project's QRS scorer (eval qrs protocol: 150 ms window, flutter left out):");
        Report("einthoven detect", QrsFileScore.Score(db, records, Path.Combine(work, "einthoven-detect")));
        if (withWfdb) Report("gqrs", QrsFileScore.Score(db, records, Path.Combine(work, "gqrs-detect")));

        OneProcess(einthoven, db, records, work);
        Directory.Delete(work, recursive: true);
        return 0;
    }

    /// <summary>`einthoven detect DB -o DIR/`: the whole database in one process, on every core.</summary>
    private static void OneProcess(string einthoven, string db, IReadOnlyList<string> records, string work)
    {
        var dir = Directory.CreateDirectory(Path.Combine(work, "one-process")).FullName;
        var samples = records.Sum(rec => { using var reader = RecordFiles.Open(Path.Combine(db, rec)); return reader.Info.SampleCount; });
        var before = ChildCpu.Total;
        var clock = Stopwatch.StartNew();
        Execute(Start(einthoven, ["detect", db, "-o", dir + "/"]), null);
        var wall = clock.Elapsed.TotalSeconds;
        var cpu = (ChildCpu.Total - before).TotalSeconds;
        Console.WriteLine($"\nOne process over the {records.Count} records (einthoven detect {db} -o DIR/): wall {wall:0.00} s, CPU {cpu:0.00} s, " +
                          $"{samples / wall / 1e6:0.0} M samples/s of the detected lead end to end (read, detect, write)");
    }

    private static (double CpuSeconds, double WallSeconds) PerRecord(Tool tool, IReadOnlyList<string> records, string dir)
    {
        var before = ChildCpu.Total;
        var clock = Stopwatch.StartNew();
        foreach (var record in records) Execute(tool.Start(record, dir), tool.StdoutToFile ? Path.Combine(dir, record + ".csv") : null);
        return ((ChildCpu.Total - before).TotalSeconds, clock.Elapsed.TotalSeconds);
    }

    private static void Execute(ProcessStartInfo start, string? stdoutFile)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        using (var sink = stdoutFile is null ? Stream.Null : File.Create(stdoutFile)) process.StandardOutput.BaseStream.CopyTo(sink);
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{start.FileName} {string.Join(' ', start.ArgumentList)} exited {process.ExitCode}: {error.Result}");
    }

    private static ProcessStartInfo Start(string file, string[] args)
    {
        var start = new ProcessStartInfo(file);
        foreach (var a in args) start.ArgumentList.Add(a);
        return start;
    }

    /// <summary>A WFDB tool finds records on the WFDB path and writes annotation files to its working directory.</summary>
    private static ProcessStartInfo Wfdb(string file, string db, string dir, string[] args)
    {
        var start = Start(file, args);
        start.WorkingDirectory = dir;
        start.Environment["WFDB"] = $". {db}";
        var lib = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(file)!)!, "lib");  // the WFDB library, built beside bin/
        start.Environment["LD_LIBRARY_PATH"] = $"{lib}:{lib}64";
        return start;
    }

    private static void Report(string name, Einthoven.Signal.Analysis.Detection.DetectionScore s) =>
        Console.WriteLine($"  {name,-18} Se {100 * s.Sensitivity:0.00} %  +P {100 * s.PositivePredictivity:0.00} %  (TP {s.TruePositives}, FN {s.FalseNegatives}, FP {s.FalsePositives})");

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string? Option(string[] args, string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 1;
    }
}
