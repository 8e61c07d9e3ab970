using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Wfdb;
using Einthoven.Signal.Records;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Einthoven.Signal.Tests.Wfdb;

/// <summary>Write-then-read gives back the same samples, header fields and annotations, for every storage format.</summary>
public class RoundTripTests
{
    // Valid value range of each format when written (its lowest raw value is the invalid-sample marker).
    public static readonly (int Format, int Min, int Max)[] Ranges =
    [
        (16, -32767, 32767), (61, -32767, 32767), (80, -127, 127), (160, -32767, 32767), (212, -2047, 2047),
        (310, -511, 511), (311, -511, 511), (24, -8388607, 8388607), (32, int.MinValue + 1, int.MaxValue),
    ];

    private static Gen<int[][]> Signals(int min, int max) =>
        from leads in Gen.Choose(1, 4)
        from length in Gen.Choose(0, 40)
        from values in Gen.Frequency(
                (9, Gen.Choose(min, max)),
                (1, Gen.Elements(min, max, 0, WfdbDefaults.InvalidSample)))
            .ArrayOf(length).ArrayOf(leads)
        select values;

    private static Gen<int[][]> DifferenceSignals =>
        from leads in Gen.Choose(1, 3)
        from length in Gen.Choose(1, 40)
        from start in Gen.Choose(-2000, 2000).ArrayOf(leads)
        from steps in Gen.Choose(-128, 127).ArrayOf(length).ArrayOf(leads)
        select steps.Select((s, lead) =>
        {
            var v = start[lead];
            return s.Select((d, i) => i == 0 ? v : v += d).ToArray();
        }).ToArray();

    [Property(MaxTest = 40)]
    public Property EveryFormatRoundTripsItsWholeRange() =>
        Prop.ForAll(Gen.Elements(Ranges).SelectMany(r => Signals(r.Min, r.Max), (r, s) => (r.Format, s)).ToArbitrary(), c =>
        {
            var back = WfdbTestRecords.RoundTrip(WfdbTestRecords.Make(c.s), c.Format.ToString(), out var folder);
            Assert.Equal(c.s, back.Samples);
            Assert.Contains($"syn.dat {c.Format} ", File.ReadAllText(Path.Combine(folder, "syn.hea")));
        });

    [Property(MaxTest = 30)]
    public Property FirstDifferenceFormatRoundTrips() =>
        Prop.ForAll(DifferenceSignals.ToArbitrary(), s =>
        {
            var back = WfdbTestRecords.RoundTrip(WfdbTestRecords.Make(s), "8", out _);
            Assert.Equal(s, back.Samples);
        });

    [Property(MaxTest = 30)]
    public Property WindowsEqualSlicesOfTheWholeRecord() =>
        Prop.ForAll(Gen.Elements(Ranges.Select(r => r.Format).Append(8).ToArray())
            .SelectMany(_ => Gen.Choose(0, 60), (f, start) => (f, start))
            .SelectMany(_ => Gen.Choose(0, 60), (a, count) => (a.f, a.start, count)).ToArbitrary(), c =>
        {
            var samples = Enumerable.Range(0, 3).Select(lead => Enumerable.Range(0, 45).Select(i => (i * 7 + lead * 13) % 100 - 50).ToArray()).ToArray();
            var folder = Einthoven.TestSupport.TestData.TempDir();
            WfdbRecordWriter.Write(WfdbTestRecords.Make(samples), Path.Combine(folder, "w"), c.f.ToString());
            using var reader = RecordFiles.Open(Path.Combine(folder, "w"));
            reader.Read(40, 5); // leave the format-8 decoder past the window so it must restart
            var block = reader.Read(c.start, c.count);
            var n = Math.Max(0, Math.Min(c.count, 45 - c.start));
            Assert.Equal(n, block.Length);
            for (var lead = 0; lead < 3; lead++) Assert.Equal(samples[lead].Skip(c.start).Take(n), block.Samples[lead]);
        });

    [Fact]
    public void HeaderFieldsCommentsAndMetadataSurvive()
    {
        var record = WfdbTestRecords.Make([[1, 2, 3], [4, 5, 6]]);
        var back = WfdbTestRecords.RoundTrip(record, null, out _);
        Assert.Equal(record.Info.Leads, back.Info.Leads);
        Assert.Equal((record.Info.StartDate, record.Info.StartTime), (back.Info.StartDate, back.Info.StartTime));
        Assert.Equal(250, back.Info.SamplingFrequency);
        Assert.Equal(["synthetic", "age: 42", "sex: F"], back.Info.Comments);
        Assert.Equal("42", back.Info.Metadata[MetadataKeys.Age]);
        Assert.Equal("F", back.Info.Metadata[MetadataKeys.Sex]);
    }

    [Theory]
    [InlineData(new[] { 2047, -2047 }, 212)]
    [InlineData(new[] { 2048, 0 }, 16)]
    [InlineData(new[] { -2048, 0 }, 16)]
    [InlineData(new[] { 40000, 0 }, 24)]
    [InlineData(new[] { 1 << 24, 0 }, 32)]
    public void WriterChoosesTheSmallestFormatThatHoldsEverySample(int[] values, int expected)
    {
        var folder = Einthoven.TestSupport.TestData.TempDir();
        WfdbRecordWriter.Write(WfdbTestRecords.Make([values]), Path.Combine(folder, "c"));
        Assert.Equal(expected, WfdbHeaderFile.Read(Path.Combine(folder, "c.hea")).Signals[0].Format);
        Assert.Equal(values, RecordFiles.Read(Path.Combine(folder, "c")).Samples[0]);
    }

    [Fact]
    public void RequestedFormatTooSmallForTheDataIsRefusedNamingTheSignal()
    {
        var folder = Einthoven.TestSupport.TestData.TempDir();
        var e = Assert.Throws<SignalFormatException>(() => WfdbRecordWriter.Write(WfdbTestRecords.Make([[0], [5000]]), Path.Combine(folder, "t"), "212"));
        Assert.Equal("signal 1 format", e.Field);
        Assert.Contains("5000", e.Reason);
    }

    [Fact]
    public void FormatEightRefusesStepsBeyondOneByte()
    {
        var e = Assert.Throws<SignalFormatException>(() =>
            WfdbRecordWriter.Write(WfdbTestRecords.Make([[0, 100, 300]]), Path.Combine(Einthoven.TestSupport.TestData.TempDir(), "d"), "8"));
        Assert.Equal("signal 0 format", e.Field);
        Assert.Contains("200", e.Reason);
    }

    [Property(MaxTest = 25)]
    public Property AnnotationSetsRoundTripThroughTheRecord() =>
        Prop.ForAll(AnnotationGen.Sets.ToArbitrary(), annotations =>
        {
            var record = WfdbTestRecords.Make([[1, 2, 3]], new Dictionary<string, IReadOnlyList<Annotation>> { ["atr"] = annotations, ["qrs"] = annotations.Take(2).ToArray() });
            var back = WfdbTestRecords.RoundTrip(record, null, out _);
            Assert.Equal(["atr", "qrs"], back.Annotations.Keys.Order());
            Assert.Equal(annotations, back.Annotations["atr"]);
            Assert.Equal(annotations.Take(2), back.Annotations["qrs"]);
        });
}
