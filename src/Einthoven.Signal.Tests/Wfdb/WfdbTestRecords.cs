using Einthoven.Signal.Records;

namespace Einthoven.Signal.Tests.Wfdb;

/// <summary>Small synthetic records for write-then-read tests.</summary>
internal static class WfdbTestRecords
{
    public static EcgRecord Make(int[][] samples, IDictionary<string, IReadOnlyList<Annotation>>? annotations = null, string name = "syn")
    {
        var info = new RecordInfo
        {
            Name = name,
            SamplingFrequency = 250,
            SampleCount = samples.Length == 0 ? 0 : samples[0].Length,
            Leads = samples.Select((_, i) => new LeadInfo { Name = $"lead {i}", Gain = 200 + i, Baseline = i, AdcResolution = 12, AdcZero = i }).ToArray(),
            StartDate = new DateOnly(2024, 2, 29),
            StartTime = new TimeOnly(13, 14, 15, 250),
            Comments = ["synthetic", "age: 42"],
            Metadata = new Dictionary<string, string> { ["age"] = "42", ["sex"] = "F" },
        };
        return new EcgRecord(info, samples, annotations);
    }

    /// <summary>Writes the record to a fresh folder and reads it back through the public entry point.</summary>
    public static EcgRecord RoundTrip(EcgRecord record, string? format, out string folder)
    {
        folder = Einthoven.TestSupport.TestData.TempDir();
        var path = Path.Combine(folder, record.Info.Name);
        Einthoven.Signal.Formats.RecordFiles.Write(record, path, "wfdb", new Einthoven.Signal.Formats.FormatOptions { WfdbFormat = format });
        return Einthoven.Signal.Formats.RecordFiles.Read(path);
    }
}
