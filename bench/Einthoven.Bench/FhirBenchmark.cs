using Einthoven.Interop;
using Einthoven.Signal.Formats;

namespace Einthoven.Bench;

/// <summary>
/// FHIR ECG Observation read throughput: the first minute of each MIT-BIH record (a SampledData data string holds at
/// most 1 MB, so not the whole half hour) written as an Observation in JSON and read back whole through Firely's
/// parser, against reading the same minute from the WFDB format-212 files (<see cref="ScpBenchmark"/> reports both).
/// </summary>
internal static class FhirBenchmark
{
    public static int Run(string[] args)
    {
        var db = BenchData.MitDb(args);
        var seconds = args.Length > 1 ? int.Parse(args[1]) : 60;
        var wfdb = BenchData.Records(db).Select(n => Path.Combine(db, n)).ToArray();
        var format = new FhirObservationFormat();
        var dir = Directory.CreateTempSubdirectory("einthoven-bench-").FullName;
        try
        {
            var (records, samples) = ScpBenchmark.FirstSecondsAgainstWfdb(wfdb, seconds);
            var paths = records.Select(r => Path.Combine(dir, r.Info.Name + ".json")).ToArray();
            for (var i = 0; i < records.Length; i++) format.Write(records[i], paths[i]);
            ScpBenchmark.Report("fhir observation (json)", samples, paths.Sum(p => new FileInfo(p).Length), () =>
            {
                foreach (var p in paths)
                {
                    using var reader = format.Open(p);
                    reader.Read(0, (int)reader.Info.SampleCount);
                }
            });
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
