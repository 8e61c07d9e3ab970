using Einthoven.Signal.Formats;

namespace Einthoven.Bench;

/// <summary>
/// HL7 aECG reading against WFDB 212 decoding on the MIT-BIH records: each record is written as aECG once (timed),
/// then opened and read whole with its annotations in both formats. The best of several passes counts.
/// </summary>
internal static class AecgBenchmark
{
    public static int Run(string[] args)
    {
        var db = BenchData.MitDb(args);
        var names = BenchData.Records(db).Take(args.Length > 1 ? int.Parse(args[1]) : int.MaxValue).ToArray();
        var wfdb = names.Select(n => Path.Combine(db, n)).ToArray();
        var dir = Directory.CreateTempSubdirectory("einthoven-bench-aecg-").FullName;
        try
        {
            var xml = names.Select(n => Path.Combine(dir, n + ".xml")).ToArray();
            var write = EdfCsvBenchmark.Best(() => { for (var i = 0; i < wfdb.Length; i++) RecordFiles.Write(RecordFiles.Read(wfdb[i]), xml[i]); });
            var samples = wfdb.Sum(p => { using var r = RecordFiles.Open(p); return r.Info.SampleCount * r.Info.Leads.Count; });
            var bytes = xml.Sum(p => new FileInfo(p).Length);
            var wfdbRead = EdfCsvBenchmark.Best(() => { foreach (var p in wfdb) ReadWhole(p); });
            var aecgRead = EdfCsvBenchmark.Best(() => { foreach (var p in xml) ReadWhole(p); });
            Console.WriteLine($"machine: {BenchData.Machine}");
            Console.WriteLine($"records: {names.Length} MIT-BIH, samples: {samples:N0}, aECG: {bytes / 1e6:0.0} MB");
            Console.WriteLine($"WFDB 212 read: {wfdbRead.Wall * 1000:0} ms wall / {wfdbRead.Cpu * 1000:0} ms cpu ({samples / wfdbRead.Cpu / 1e6:0.0} M samples per cpu-s)");
            Console.WriteLine($"aECG read:     {aecgRead.Wall * 1000:0} ms wall / {aecgRead.Cpu * 1000:0} ms cpu ({samples / aecgRead.Cpu / 1e6:0.0} M samples per cpu-s, " +
                              $"{bytes / aecgRead.Cpu / 1e6:0} MB of XML per cpu-s; {aecgRead.Cpu / wfdbRead.Cpu:0.0}x WFDB's cpu)");
            Console.WriteLine($"aECG write (WFDB read + aECG write): {write.Wall * 1000:0} ms wall / {write.Cpu * 1000:0} ms cpu");
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void ReadWhole(string path)
    {
        using var reader = RecordFiles.Open(path);
        reader.Read(0, (int)reader.Info.SampleCount);
        foreach (var annotator in reader.Annotators) reader.ReadAnnotations(annotator);
    }
}
