using System.Text;
using Einthoven.Models.Pacemaker;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;

namespace Einthoven.Bench;

/// <summary>
/// The work of one pacemaker request (<c>POST /predict</c>) on one thread, without HTTP: parse the seed's metadata
/// JSON, read the WFDB .hea and .dat from disk, compute the detector's features and run the model, over the first 100
/// PTB-XL records (10 s, 12 leads, 100 Hz); median and 95th percentile of the best of 3 passes. Goal: under 20 ms.
/// Arguments: [PTBXL_DIR].
/// </summary>
internal static class PacemakerBenchmark
{
    private const int Recordings = 100, Passes = 3;

    private const string Metadata = """{"recording_date": "09/11/1984 09:17:34", "age": 56.0, "sex": 1, "height": null, "weight": 63.0, "nurse": 2.0, "site": 0.0, "device": "CS-12   E", "patient_id": 15709.0}""";

    public static int Run(string[] args)
    {
        var dir = args.Length > 0 ? args[0] : TestData.PtbXl;
        var headers = Directory.EnumerateFiles(Path.Combine(dir, "records100"), "*_lr.hea", SearchOption.AllDirectories).Order().Take(Recordings).ToArray();
        var detector = PacemakerDetector.Shipped;
        var metadata = Encoding.UTF8.GetBytes(Metadata);
        void Request(string header)
        {
            // The JSON parse stands for the server's PredictMetadata (same System.Text.Json document parse).
            using var doc = System.Text.Json.JsonDocument.Parse(metadata);
            _ = doc.RootElement.GetProperty("age").GetDouble();
            detector.Detect(RecordFiles.Read(header));
        }
        var best = PerRecordTiming.BestOf(headers, Passes, Request);
        Console.WriteLine($"pacemaker ({detector.Version.Name}-{detector.Version.Version}): {headers.Length} PTB-XL records (10 s, 12 leads, 100 Hz), one thread");
        Console.WriteLine($"  {PerRecordTiming.Summary(best)} per request");
        Console.WriteLine($"  machine: {BenchData.Machine}");
        return 0;
    }
}
