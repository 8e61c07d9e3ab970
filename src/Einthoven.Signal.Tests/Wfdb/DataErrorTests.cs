using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Wfdb;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Tests.Wfdb;

/// <summary>Headers that disagree with their data, and data files that are missing, short or damaged.</summary>
public class DataErrorTests
{
    private static Fixture Written(int[][] samples, string format = "16")
    {
        var f = new Fixture();
        WfdbRecordWriter.Write(WfdbTestRecords.Make(samples), f.Path("r"), format);
        return f;
    }

    private static void EditHeader(Fixture f, Func<string, string> edit) => f.Text("r.hea", edit(File.ReadAllText(f.Path("r.hea"))));

    [Fact]
    public void DataFileShorterThanTheHeaderLengthNamesLength()
    {
        var f = Written([[1, 2, 3, 4]]);
        EditHeader(f, h => h.Replace("r 1 250 4 ", "r 1 250 400 "));
        var e = Assert.Throws<SignalFormatException>(() => RecordFiles.Open(f.Path("r")));
        Assert.Equal((f.Path("r.dat"), "length"), (e.File, e.Field));
        Assert.Contains("400", e.Reason);
    }

    [Fact]
    public void TruncatedDataFileNamesLength()
    {
        var f = Written([[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]], "212");
        File.WriteAllBytes(f.Path("r.dat"), File.ReadAllBytes(f.Path("r.dat"))[..10]);
        var e = Assert.Throws<SignalFormatException>(() => RecordFiles.Read(f.Path("r")));
        Assert.Equal((f.Path("r.dat"), "length"), (e.File, e.Field));
    }

    [Fact]
    public void AbsurdLengthIsRefusedOnOpenBeforeAnythingIsAllocated()
    {
        var f = Written([[1, 2]]);
        EditHeader(f, h => h.Replace("r 1 250 2 ", "r 1 250 1000000000000000 "));
        var e = Assert.Throws<SignalFormatException>(() => RecordFiles.Open(f.Path("r")));
        Assert.Equal("length", e.Field);
    }

    [Fact]
    public void DamagedSampleIsCaughtByTheChecksum()
    {
        var f = Written([[1, 2, 3], [4, 5, 6]]);
        var bytes = File.ReadAllBytes(f.Path("r.dat"));
        bytes[4] ^= 0x10; // second frame, first signal
        File.WriteAllBytes(f.Path("r.dat"), bytes);
        var e = Assert.Throws<SignalFormatException>(() => RecordFiles.Read(f.Path("r")));
        Assert.Equal((f.Path("r.dat"), "signal 0 checksum"), (e.File, e.Field));
        // Windows that are not the whole record are not checked: the damaged value is returned as it is.
        using var reader = RecordFiles.Open(f.Path("r"));
        Assert.Equal(2 ^ 0x10, reader.Read(1, 1).Samples[0][0]);
    }

    [Fact]
    public void WrongInitialValueIsNamed()
    {
        var f = Written([[1, 2, 3], [4, 5, 6]]);
        EditHeader(f, h => h.Replace(" 12 1 4 15 0 lead 1", " 12 1 9 15 0 lead 1"));
        var e = Assert.Throws<SignalFormatException>(() => RecordFiles.Read(f.Path("r")));
        Assert.Equal((f.Path("r.dat"), "signal 1 initial value"), (e.File, e.Field));
    }

    [Fact]
    public void MissingSignalFileIsNamed()
    {
        var f = Written([[1, 2]]);
        File.Delete(f.Path("r.dat"));
        var e = Assert.Throws<SignalFormatException>(() => RecordFiles.Open(f.Path("r")));
        Assert.Equal((f.Path("r.dat"), "signal file"), (e.File, e.Field));
    }

    [Fact]
    public void ByteOffsetBeyondTheFileIsNamed()
    {
        var f = new Fixture().Format16("o.dat", [1, 2]).Text("o.hea", "o 1 100 2\no.dat 16+99\n");
        var e = Assert.Throws<SignalFormatException>(() => RecordFiles.Open(f.Path("o")));
        Assert.Equal((f.Path("o.dat"), "byte offset"), (e.File, e.Field));
    }

    [Fact]
    public void MissingHeaderIsNamed()
    {
        var f = new Fixture();
        var e = Assert.Throws<SignalFormatException>(() => new WfdbFormat().Open(f.Path("nothing")));
        Assert.Equal((f.Path("nothing.hea"), "header"), (e.File, e.Field));
    }

    [Fact]
    public void HeaderOfOtherFormatIsRefusedWithTheField()
    {
        var f = new Fixture().Bytes("x.hea", [0, 1, 2, 3, 0xFF, 0xFE, 10, 13]);
        var e = Assert.Throws<SignalFormatException>(() => RecordFiles.Open(f.Path("x.hea")));
        Assert.Equal(f.Path("x.hea"), e.File);
    }

    [Fact]
    public void UnwritableFormatRequestIsRefused()
    {
        var e = Assert.Throws<SignalFormatException>(() => WfdbRecordWriter.Write(WfdbTestRecords.Make([[1]]), new Fixture().Path("w"), "516"));
        Assert.Equal("format", e.Field);
    }
}
