using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Wfdb;
using Einthoven.TestSupport;

namespace Einthoven.Signal.Tests.Wfdb;

/// <summary>The PTB-XL 100 Hz records: 12 leads interleaved in one format-16 file, with checksums.</summary>
public class PtbXlTests
{
    private static string[] Headers() =>
        Directory.EnumerateFiles(Path.Combine(TestData.PtbXl, "records100"), "*.hea", SearchOption.AllDirectories).Order().ToArray();

    [Fact]
    public void EveryRecordDecodesWithVerifiedChecksumsAndInitialValues()
    {
        var headers = Headers();
        Assert.Equal(1732, headers.Length);
        int verified = 0, zeroSums = 0;
        Parallel.ForEach(headers, path =>
        {
            var header = WfdbHeaderFile.Read(path);
            Interlocked.Add(ref zeroSums, header.Signals.Count(s => s.Checksum == 0));
            var record = RecordFiles.Read(path);
            Assert.Equal(12, record.Samples.Length);
            Assert.Equal(1000, record.Info.SampleCount);
            Assert.Equal(header.Signals.Select(s => s.InitialValue), record.Samples.Select(l => l[0]));
            Interlocked.Increment(ref verified);
        });
        Assert.Equal(1732, verified);
        // Three leads (00008 AVL, 00097 V5, 01695 V2) really sum to 0 mod 65536; they are verified like the rest.
        Assert.Equal(3, zeroSums);
    }

    [Fact]
    public void FirstRecordHasTheTwelveStandardLeads()
    {
        using var reader = RecordFiles.Open(Path.Combine(TestData.PtbXl, "records100", "00000", "00001_lr"));
        Assert.Equal(["I", "II", "III", "AVR", "AVL", "AVF", "V1", "V2", "V3", "V4", "V5", "V6"], reader.Info.Leads.Select(l => l.Name));
        Assert.All(reader.Info.Leads, l => Assert.Equal((1000.0, 0, "mV", 16), (l.Gain, l.Baseline, l.Unit, l.AdcResolution)));
        Assert.Equal(100, reader.Info.SamplingFrequency);
    }
}
