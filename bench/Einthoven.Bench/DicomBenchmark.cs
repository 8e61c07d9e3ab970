using Einthoven.Signal.Formats;
using Einthoven.TestSupport;

namespace Einthoven.Bench;

/// <summary>
/// Reading the 48 MIT-BIH records as DICOM ambulatory ECG waveforms (16-bit interleaved samples, annotations parsed
/// on open) against decoding them from WFDB format 212: whole records, best of several rounds, wall and CPU time.
/// </summary>
public static class DicomBenchmark
{
    public static int Run(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0]) : 5;
        var records = TestData.MitDbRecords.Select(TestData.MitDbRecord).ToArray();
        var dir = Directory.CreateTempSubdirectory("einthoven-bench-dicom-").FullName;
        try
        {
            var dicom = records.Select(r => Path.Combine(dir, Path.GetFileName(r) + ".dcm")).ToArray();
            for (var i = 0; i < records.Length; i++) RecordFiles.Write(RecordFiles.Read(records[i]), dicom[i]);
            var datBytes = records.Sum(r => new FileInfo(r + ".dat").Length);
            var dcmBytes = dicom.Sum(p => new FileInfo(p).Length);
            var samples = records.Length * 650_000L * 2;
            var wfdb = WfdbDecodeBench.Measure(rounds, () => ReadAll(records, annotations: false));
            var wfdbAnn = WfdbDecodeBench.Measure(rounds, () => ReadAll(records, annotations: true));
            var dcm = WfdbDecodeBench.Measure(rounds, () => ReadAll(dicom, annotations: true));
            Console.WriteLine($"machine: {BenchData.Machine}");
            Console.WriteLine($"MIT-BIH, {records.Length} records, {samples:N0} samples; .dat {datBytes / 1e6:F1} MB, .dcm {dcmBytes / 1e6:F1} MB");
            Console.WriteLine($"  WFDB 212 samples             wall {wfdb.Wall,7:F1} ms   cpu {wfdb.Cpu,7:F1} ms   {samples / wfdb.Cpu / 1e3:F0} M samples per cpu-s");
            Console.WriteLine($"  WFDB 212 samples + atr       wall {wfdbAnn.Wall,7:F1} ms   cpu {wfdbAnn.Cpu,7:F1} ms   {samples / wfdbAnn.Cpu / 1e3:F0} M samples per cpu-s");
            Console.WriteLine($"  DICOM samples + annotations  wall {dcm.Wall,7:F1} ms   cpu {dcm.Cpu,7:F1} ms   {samples / dcm.Cpu / 1e3:F0} M samples per cpu-s   ratio to WFDB + atr: wall {dcm.Wall / wfdbAnn.Wall:F2}, cpu {dcm.Cpu / wfdbAnn.Cpu:F2}");
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void ReadAll(IEnumerable<string> paths, bool annotations)
    {
        foreach (var path in paths)
        {
            using var reader = RecordFiles.Open(path);
            reader.Read(0, (int)reader.Info.SampleCount);
            if (annotations)
                foreach (var annotator in reader.Annotators) reader.ReadAnnotations(annotator);
        }
    }
}
