using Einthoven.Models.TwelveLead;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;

namespace Einthoven.Bench;

/// <summary>
/// The 12-lead statement classifier on one thread, per 10-s 12-lead record: read the files, prepare the leads (resampled
/// to 100 Hz), measure (the signal library's analysis) and run the network; the first 100 PTB-XL records (100 Hz) and
/// the LUDB records (500 Hz). Median and 95th percentile of the best of 3 passes. Goal: under 20 ms.
/// Arguments: [DATA_DIR] (the folder holding ptbxl/ and ludb/).
/// </summary>
internal static class TwelveLeadBenchmark
{
    private const int Recordings = 100, Passes = 3;

    public static int Run(string[] args)
    {
        var root = args.Length > 0 ? args[0] : TestData.Root;
        var classifier = TwelveLeadClassifier.LoadShipped();
        Console.WriteLine($"12-lead statements ({classifier.Version}), one thread, per record (read + prepare + measure + network)");
        var sets = new (string Name, string[] Headers)[]
        {
            ("PTB-XL, 10 s at 100 Hz", Directory.EnumerateFiles(Path.Combine(root, "ptbxl", "records100"), "*_lr.hea", SearchOption.AllDirectories).Order().Take(Recordings).ToArray()),
            ("LUDB, 10 s at 500 Hz", Directory.EnumerateFiles(Path.Combine(root, "ludb", "data"), "*.hea").Order().Take(Recordings).ToArray()),
        };
        foreach (var (name, headers) in sets.Where(s => s.Headers.Length > 0))
        {
            var best = PerRecordTiming.BestOf(headers, Passes, h => classifier.Classify(RecordFiles.Read(h)));
            Console.WriteLine($"  {name} ({headers.Length} records): {PerRecordTiming.Summary(best)}");
        }
        var record = RecordFiles.Read(sets[0].Headers[0]);
        var prepared = TwelveLeadInput.Prepare(record, TwelveLeadInput.StandardLeads, TwelveLeadNetwork.RateHz, TwelveLeadNetwork.Length);
        var signal = TwelveLeadClassifier.PrepareSignal(prepared.Values);
        var features = TwelveLeadFeatures.Of(prepared, record.Info.Name);
        var network = PerRecordTiming.BestOf(Enumerable.Repeat("", Recordings).ToArray(), Passes, _ => classifier.Logits(signal, features));
        Console.WriteLine($"  the network alone: {PerRecordTiming.Summary(network)}");
        Console.WriteLine($"  machine: {BenchData.Machine}");
        return 0;
    }
}
