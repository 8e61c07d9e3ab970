using System.Diagnostics;
using Einthoven.Monitoring;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;

namespace Einthoven.Bench;

/// <summary>
/// Cost of the live monitoring engine: MIT-BIH records (all 48 by default) decoded beforehand, then each streamed
/// through a <see cref="PatientMonitor"/> in 1-s chunks on one thread after a warm-up; process CPU milliseconds per
/// second of signal of one patient (overall and the costliest record; timed after a 60-s warm-up on every record), and the memory one monitor holds.
/// Arguments: [MITDB] [RECORDS...].
/// </summary>
internal static class MonitorBenchmark
{
    public static int Run(string[] args)
    {
        var db = BenchData.MitDb(args);
        var names = args.Length > 1 ? args[1..] : BenchData.Records(db).ToArray();
        var records = names.Select(n => RecordFiles.Read(Path.Combine(db, n))).ToArray();
        var models = MonitorModels.LoadShipped();
        foreach (var record in records) Stream(record, models, 60); // warm-up: every code path JIT-compiled before timing
        var costs = new List<(string Name, double Ms)>();
        double cpuTotal = 0, signalTotal = 0;
        foreach (var record in records)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var seconds = Stream(record, models, double.MaxValue);
            var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            costs.Add((record.Info.Name, used / seconds));
            cpuTotal += used;
            signalTotal += seconds;
        }
        var worst = costs.MaxBy(c => c.Ms);
        var perSecond = cpuTotal / signalTotal;
        Console.WriteLine($"machine: {BenchData.Machine}");
        Console.WriteLine($"monitor: {records.Length} records, {signalTotal / 3600:0.0} h of 2-lead 360 Hz signal, 1-s chunks, one thread");
        Console.WriteLine($"  CPU {perSecond:0.000} ms per signal-second per patient (median record {costs.Select(c => c.Ms).Order().ElementAt(costs.Count / 2):0.000}, costliest {worst.Name} {worst.Ms:0.000})");
        Console.WriteLine($"  = {1000 / perSecond:N0} patients per core in real time, engine alone");
        Console.WriteLine($"  memory per monitor after 60 s: {MemoryPerMonitor(records[0], models) / 1024:0} KiB");
        return 0;
    }

    /// <summary>Streams up to <paramref name="maxSeconds"/> of a record in 1-s chunks; gives the seconds streamed.</summary>
    private static double Stream(EcgRecord record, MonitorModels models, double maxSeconds)
    {
        var monitor = Monitor(record, models);
        var fs = (int)record.Info.SamplingFrequency;
        var length = (int)Math.Min(record.Info.SampleCount, maxSeconds * fs);
        var chunk = record.Samples.Select(_ => new int[fs]).ToArray();
        for (var start = 0; start + fs <= length; start += fs)
        {
            for (var l = 0; l < chunk.Length; l++) Array.Copy(record.Samples[l], start, chunk[l], 0, fs);
            monitor.Push(chunk);
        }
        monitor.Flush();
        return length / record.Info.SamplingFrequency;
    }

    private static PatientMonitor Monitor(EcgRecord record, MonitorModels models) =>
        new(new MonitoredStream(record.Info.SamplingFrequency, record.Info.Leads.Select(l => l.Name).ToArray(), record.Info.Leads.Select(l => l.Gain).ToArray()),
            MonitorSettings.Default, models);

    private static double MemoryPerMonitor(EcgRecord record, MonitorModels models)
    {
        const int count = 50;
        var fs = (int)record.Info.SamplingFrequency;
        var before = GC.GetTotalMemory(true);
        var monitors = Enumerable.Range(0, count).Select(_ => Monitor(record, models)).ToArray();
        for (var s = 0; s < 60; s++)
        {
            var chunk = record.Samples.Select(lead => lead[(s * fs)..((s + 1) * fs)]).ToArray();
            foreach (var m in monitors) m.Push(chunk);
        }
        var after = GC.GetTotalMemory(true);
        GC.KeepAlive(monitors);
        return (after - before) / (double)count;
    }
}
