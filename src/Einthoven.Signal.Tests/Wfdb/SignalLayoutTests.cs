using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Wfdb;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Tests.Wfdb;

/// <summary>Hand-made records exercising samples per frame, skew, several files, byte offsets and null signals.</summary>
public class SignalLayoutTests
{
    private const int Invalid = WfdbDefaults.InvalidSample;

    [Fact]
    public void SamplesPerFrameAreAveragedToTheFrameRateLikeRdsamp()
    {
        // Frames: [fast, fast, slow]. Averages truncate toward zero; an invalid sample makes the frame invalid.
        int[] file = [3, 4, 10, -3, -4, 20, Invalid, 5, 30, 100, 101, 40];
        int[] fast = [3, 4, -3, -4, Invalid, 5, 100, 101], slow = [10, 20, 30, 40];
        var f = new Fixture().Format16("spf.dat", file)
            .Text("spf.hea", $"spf 2 100 4\nspf.dat 16x2 200 16 0 3 {Fixture.Checksum(fast)} 0 fast\nspf.dat 16 200 16 0 10 {Fixture.Checksum(slow)} 0 slow\n");
        var record = RecordFiles.Read(f.Path("spf"));
        Assert.Equal(100, record.Info.SamplingFrequency);
        Assert.Equal([3, -3, Invalid, 100], record.Samples[0]);
        Assert.Equal(slow, record.Samples[1]);
    }

    [Fact]
    public void ChecksumOfAMultiSampleSignalCountsEverySample()
    {
        int[] file = [1, 2, 7, 3, 4, 8];
        var f = new Fixture().Format16("c.dat", file).Text("c.hea", "c 2 100 2\nc.dat 16x2 200 16 0 1 9 0 fast\nc.dat 16 200 16 0 7 15 0 slow\n");
        var e = Assert.Throws<SignalFormatException>(() => RecordFiles.Read(f.Path("c")));
        Assert.Equal("signal 0 checksum", e.Field);
        Assert.Equal(f.Path("c.dat"), e.File);
        Assert.Contains("10", e.Reason);
    }

    [Fact]
    public void SkewedSignalIsShiftedBackAndRunsOutAtTheEnd()
    {
        // Signal B is recorded one frame late: its value for time t is in frame t + 1.
        int[] a = [1, 2, 3, 4], b = [90, 91, 92, 93];
        var f = new Fixture().Format16("sk.dat", [1, 90, 2, 91, 3, 92, 4, 93])
            .Text("sk.hea", $"sk 2 100 4\nsk.dat 16 200 16 0 1 {Fixture.Checksum(a)} 0 A\nsk.dat 16:1 200 16 0 90 {Fixture.Checksum(b)} 0 B\n");
        var record = RecordFiles.Read(f.Path("sk"));
        Assert.Equal(a, record.Samples[0]);
        Assert.Equal([91, 92, 93, Invalid], record.Samples[1]);
        using var reader = RecordFiles.Open(f.Path("sk"));
        Assert.Equal([92, 93], reader.Read(1, 2).Samples[1]);
    }

    [Fact]
    public void SignalsInSeveralFilesWithByteOffsets()
    {
        var f = new Fixture()
            .Format16("mf_a.dat", [1, -1, 2, -2, 3, -3], prolog: 6)
            .Bytes("mf_b.dat", [128 + 5, 128 + 6, 128 - 7])
            .Text("mf.hea", "mf 3 100 3\nmf_a.dat 16+6 200 16 0 1 6 0 A\nmf_a.dat 16+6 200 16 0 -1 -6 0 B\nmf_b.dat 80 100 8 0 5 4 0 C\n");
        var record = RecordFiles.Read(f.Path("mf"));
        Assert.Equal([[1, 2, 3], [-1, -2, -3], [5, 6, -7]], record.Samples);
        Assert.Equal(["A", "B", "C"], record.Info.Leads.Select(l => l.Name));
    }

    [Fact]
    public void NullSignalReadsAsInvalidSamples()
    {
        var f = new Fixture().Format16("nl.dat", [7, 8, 9]).Text("nl.hea", "nl 2 100 3\n~ 0 200 12 0 0 0 0 missing\nnl.dat 16 200 16 0 7 24 0 present\n");
        var record = RecordFiles.Read(f.Path("nl"));
        Assert.Equal([Invalid, Invalid, Invalid], record.Samples[0]);
        Assert.Equal([7, 8, 9], record.Samples[1]);
    }

    [Theory]
    [InlineData("16", new byte[] { 1, 0, 2, 0, 3, 0, 4 }, 3)]
    [InlineData("212", new byte[] { 1, 0x20, 2, 3, 0 }, 3)]
    [InlineData("310", new byte[] { 2, 0, 4, 0, 6, 0 }, 4)]
    [InlineData("311", new byte[] { 1, 0, 0, 0, 4, 0 }, 4)]
    public void MissingLengthIsTakenFromTheFileIncludingShortTailGroups(string format, byte[] bytes, int expected)
    {
        var f = new Fixture().Bytes("dl.dat", bytes).Text("dl.hea", $"dl 1 100\ndl.dat {format}\n");
        Assert.Equal(expected, RecordFiles.Read(f.Path("dl")).Info.SampleCount);
    }

    [Fact]
    public void FormatEightStartsFromTheInitialValue()
    {
        var f = new Fixture().Bytes("d8.dat", [0, 5, 0xFB, 0x80]).Text("d8.hea", "d8 1 100 4\nd8.dat 8 200 12 0 100 277 0 x\n");
        Assert.Equal([100, 105, 100, -28], RecordFiles.Read(f.Path("d8")).Samples[0]);
    }

    [Fact]
    public void Format212InvalidMarkerReadsAsWfdbInvalidAndIsWrittenBackAsTheMarker()
    {
        var f = new Fixture().Bytes("iv.dat", [0x00, 0x08, 0x05]).Text("iv.hea", "iv 2 100 1\niv.dat 212\niv.dat 212\n");
        var record = RecordFiles.Read(f.Path("iv"));
        Assert.Equal([[Invalid], [5]], record.Samples);
        RecordFiles.Write(record, f.Path("iv2"));
        Assert.Equal(File.ReadAllBytes(f.Path("iv.dat")), File.ReadAllBytes(f.Path("iv2.dat")));
    }
}
