using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Scp;
using Einthoven.Signal.Records;
using Einthoven.TestSupport;

namespace Einthoven.Signal.Tests.Scp;

/// <summary>Records SCP-ECG holds exactly (one whole-nV step for all leads), and helpers to write and read them.</summary>
internal static class ScpRecords
{
    private static readonly string[] Names = ["I", "II", "V1", "V2", "V3", "V4", "V5", "V6", "III", "aVR", "aVL", "aVF"];
    private static readonly double[] Gains = [200, 1000, 400, 2000, 160];

    /// <summary>A random-walk signal (ECG-like slopes with occasional jumps) within ±<paramref name="magnitude"/> of each lead's zero.</summary>
    public static EcgRecord Create(Random rng, int magnitude = 8000)
    {
        var leadCount = rng.Next(1, 13);
        var length = rng.Next(1, 5000);
        var gain = Gains[rng.Next(Gains.Length)];
        var leads = Enumerable.Range(0, leadCount).Select(i => new LeadInfo
        {
            Name = Names[i], Gain = gain, Baseline = rng.Next(-3000, 3000), AdcResolution = 16,
        }).ToArray();
        var samples = leads.Select(l =>
        {
            var values = new int[length];
            var (x, slope) = (rng.Next(-100, 100), 0);
            for (var i = 0; i < length; i++)
            {
                slope = rng.Next(50) == 0 ? rng.Next(-400, 400) : slope + rng.Next(-3, 4);
                x = Math.Clamp(x + slope, -magnitude, magnitude);
                if (rng.Next(200) == 0) x = rng.Next(-magnitude, magnitude);
                values[i] = x + l.Baseline;
            }
            return values;
        }).ToArray();
        var start = new DateTime(2026, 11, 22).AddSeconds(rng.Next(-1_000_000_000, 1_000_000_000));
        var info = new RecordInfo
        {
            Name = "random", SamplingFrequency = new[] { 500, 250, 1000, 360, 128.5 }[rng.Next(5)], SampleCount = length, Leads = leads,
            StartDate = DateOnly.FromDateTime(start), StartTime = TimeOnly.FromDateTime(start),
            Metadata = new Dictionary<string, string>
            {
                [MetadataKeys.PatientId] = $"P{rng.Next(100000)}",
                [MetadataKeys.PatientName] = rng.Next(2) == 0 ? "Haagse Harry" : "Ann Smith",
                [MetadataKeys.Sex] = rng.Next(2) == 0 ? "M" : "F",
                [MetadataKeys.BirthDate] = new DateOnly(1930, 1, 1).AddDays(rng.Next(30000)).ToString("yyyy-MM-dd"),
                [MetadataKeys.Device] = "Telemetry03",
                [MetadataKeys.Technician] = "NN",
                [MetadataKeys.Site] = "Leiden",
                [MetadataKeys.RecordingId] = $"{rng.Next(1000)}",
            },
        };
        return new EcgRecord(info, samples);
    }

    public static string Write(EcgRecord record, ScpWriteOptions? options = null, string name = "r.scp")
    {
        var path = Path.Combine(TestData.TempDir(), name);
        ScpWriter.Write(new InMemoryReader(record), path, options ?? ScpWriteOptions.Default);
        return path;
    }

    /// <summary>Each lead's samples relative to its zero: what SCP-ECG stores.</summary>
    public static int[][] Relative(EcgRecord record) =>
        record.Samples.Select((s, i) => s.Select(v => v - record.Info.Leads[i].Baseline).ToArray()).ToArray();
}
