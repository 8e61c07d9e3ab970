using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Wfdb;
using Einthoven.Signal.Records;
using Einthoven.TestSupport;

namespace Einthoven.Signal.Tests.Wfdb;

/// <summary>The 48 MIT-BIH Arrhythmia Database records: format 212 signals and reference annotations.</summary>
public class MitDbTests
{
    public static TheoryData<string> Records => new(TestData.MitDbRecords);

    [Fact]
    public void Record100HeaderFieldsAndPatientComment()
    {
        using var reader = RecordFiles.Open(TestData.MitDbRecord("100"));
        var info = reader.Info;
        Assert.Equal("100", info.Name);
        Assert.Equal(360, info.SamplingFrequency);
        Assert.Equal(650000, info.SampleCount);
        Assert.Equal(["MLII", "V5"], info.Leads.Select(l => l.Name));
        Assert.All(info.Leads, l => Assert.Equal((200.0, 11, 1024, 1024, "mV"), (l.Gain, l.AdcResolution, l.AdcZero, l.Baseline, l.Unit)));
        Assert.Equal(["69 M 1085 1629 x1", "Aldomet, Inderal"], info.Comments);
        Assert.Equal("69", info.Metadata[MetadataKeys.Age]);
        Assert.Equal("M", info.Metadata[MetadataKeys.Sex]);
        Assert.Equal(["atr"], reader.Annotators);
    }

    [Fact]
    public void Record100StartsWithTheHeadersInitialValues()
    {
        using var reader = RecordFiles.Open(Path.Combine(TestData.MitDb, "100.hea"));
        var block = reader.Read(0, 3);
        Assert.Equal(995, block.Samples[0][0]);
        Assert.Equal(1011, block.Samples[1][0]);
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void WholeRecordDecodesWithMatchingChecksums(string name)
    {
        var record = RecordFiles.Read(TestData.MitDbRecord(name));
        Assert.Equal(650000, record.Info.SampleCount);
        Assert.Equal(2, record.Samples.Length);
        foreach (var lead in record.Samples)
        {
            Assert.InRange(lead.Min(), -2048, 2047);
            Assert.InRange(lead.Max(), -2048, 2047);
        }
        Assert.True(record.Annotations.ContainsKey("atr"));
    }

    [Theory]
    [InlineData("100", 2273, 2239, 33, 1)]
    [InlineData("208", 2955, 1586, 0, 992)]
    public void BeatCountsOfReferenceRecords(string name, int beats, int normal, int atrial, int ventricular)
    {
        var atr = WfdbAnnotationReader.Read(Path.Combine(TestData.MitDb, name + ".atr"));
        Assert.Equal(beats, atr.Count(a => a.IsBeat));
        Assert.Equal(normal, atr.Count(a => a.Symbol == "N"));
        Assert.Equal(atrial, atr.Count(a => a.Symbol == "A"));
        Assert.Equal(ventricular, atr.Count(a => a.Symbol == "V"));
    }

    [Fact]
    public void All48RecordsHold109494BeatAnnotations()
    {
        long beats = 0, all = 0, flutterWaves = 0, blockedP = 0;
        foreach (var name in TestData.MitDbRecords)
        {
            var atr = WfdbAnnotationReader.Read(Path.Combine(TestData.MitDb, name + ".atr"));
            beats += atr.Count(a => a.IsBeat);
            all += atr.Count;
            flutterWaves += atr.Count(a => a.Symbol == "!");
            blockedP += atr.Count(a => a.Symbol == "x");
            Assert.All(atr, a => Assert.InRange(a.Sample, 0, 650000));
        }
        // 109,494 counts beat labels only: the 112,647 annotations also hold rhythm, noise and comment labels,
        // 472 flutter waves (!) and 193 non-conducted P waves (x), which are not beats.
        Assert.Equal(109_494, beats);
        Assert.Equal(112_647, all);
        Assert.Equal(472, flutterWaves);
        Assert.Equal(193, blockedP);
    }

    [Fact]
    public void RhythmLabelsKeepTheirAuxText()
    {
        var atr = WfdbAnnotationReader.Read(Path.Combine(TestData.MitDb, "201.atr"));
        var rhythms = atr.Where(a => a.Code == AnnotationCodes.Rhythm).Select(a => a.AuxText).Distinct().ToArray();
        Assert.Contains("(AFIB", rhythms);
        Assert.Contains("(N", rhythms);
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void RewritingTheAtrFileReproducesItByteForByte(string name)
    {
        var path = Path.Combine(TestData.MitDb, name + ".atr");
        var original = File.ReadAllBytes(path);
        var annotations = WfdbAnnotationReader.Decode(original, path);
        Assert.Equal(original, WfdbAnnotationWriter.Encode(annotations));
    }

    [Fact]
    public void WindowsMatchTheWholeRecordAtOddAndEvenStarts()
    {
        using var reader = RecordFiles.Open(TestData.MitDbRecord("203"));
        var whole = reader.Read(0, 5000);
        foreach (var (start, count) in new[] { (0, 1), (1, 1), (1, 2), (7, 333), (2, 4998), (4999, 10) })
        {
            var window = reader.Read(start, count);
            var n = Math.Min(count, 5000 - start);
            for (var lead = 0; lead < 2; lead++)
                Assert.Equal(whole.Samples[lead].AsSpan(start, n).ToArray(), window.Samples[lead].AsSpan(0, n).ToArray());
        }
        var tail = reader.Read(649_999, 100);
        Assert.Equal(1, tail.Length);
        Assert.Equal(0, reader.Read(650_000, 10).Length);
    }
}
