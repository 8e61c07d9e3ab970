using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;
using Einthoven.Signal.Synthesis;
using Einthoven.TestSupport;

namespace Einthoven.Server.Tests.Hosting;

/// <summary>Synthetic records written to files, for uploads.</summary>
public static class TestRecords
{
    public static EcgRecord Synthetic(string name, int seconds = 60, int seed = 1, double pvc = 0.05) =>
        EcgSynthesizer.Generate(new SynthesisOptions
        {
            Name = name, Duration = TimeSpan.FromSeconds(seconds), Seed = seed, PvcProbability = pvc,
            Start = new DateTime(2026, 10, 1, 8, 30, 0).AddDays(seed),
        });

    /// <summary>Writes the record as WFDB into a fresh folder; returns the .hea, .dat and .atr paths.</summary>
    public static string[] WfdbFiles(EcgRecord record)
    {
        var dir = TestData.TempDir();
        RecordFiles.Write(record, Path.Combine(dir, record.Info.Name), "wfdb");
        return Directory.GetFiles(dir).Order().ToArray();
    }
}
