using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Wfdb;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Tests.Wfdb;

public class MultiSegmentTests
{
    private const int Invalid = WfdbDefaults.InvalidSample;

    private static string Signal(string file, int[] values, double gain, string name, int baseline = 0) =>
        $"{file} 16 {gain}({baseline}) 16 0 {values[0]} {Fixture.Checksum(values)} 0 {name}";

    [Fact]
    public void FixedLayoutSegmentsReadAsOneRecord()
    {
        var f = new Fixture()
            .Format16("fx_1.dat", [1, 10, 2, 20, 3, 30])
            .Text("fx_1.hea", $"fx_1 2 100 3\n{Signal("fx_1.dat", [1, 2, 3], 200, "I")}\n{Signal("fx_1.dat", [10, 20, 30], 200, "II")}\n")
            .Format16("fx_2.dat", [4, 40, 5, 50])
            .Text("fx_2.hea", $"fx_2 2 100 2\n{Signal("fx_2.dat", [4, 5], 200, "I")}\n{Signal("fx_2.dat", [40, 50], 200, "II")}\n")
            .Text("fx.hea", "fx/3 2 100 8 10:00:00 01/01/2020\nfx_1 3\n~ 3\nfx_2 2\n# master comment\n");
        using var reader = RecordFiles.Open(f.Path("fx"));
        Assert.Equal(8, reader.Info.SampleCount);
        Assert.Equal(["I", "II"], reader.Info.Leads.Select(l => l.Name));
        Assert.Equal(new DateOnly(2020, 1, 1), reader.Info.StartDate);
        Assert.Equal(["master comment"], reader.Info.Comments);
        var all = reader.Read(0, 8);
        Assert.Equal([1, 2, 3, Invalid, Invalid, Invalid, 4, 5], all.Samples[0]);
        Assert.Equal([10, 20, 30, Invalid, Invalid, Invalid, 40, 50], all.Samples[1]);
        // A window spanning a segment boundary, and one inside the gap.
        Assert.Equal([3, Invalid], reader.Read(2, 2).Samples[0]);
        Assert.Equal([Invalid, 4, 5], reader.Read(5, 10).Samples[0]);
    }

    [Fact]
    public void VariableLayoutMatchesSignalsByNameAndRescalesToTheLayoutGain()
    {
        var f = new Fixture()
            .Text("vl_0.hea", "vl_0 2 100 0\n~ 0 100/mV 16 0 0 0 0 I\n~ 0 100(5)/mV 16 0 0 0 0 II\n")
            // Segment 1 has only II, at twice the layout gain and baseline 0: value v becomes floor(v / 2 + 5 + 0.5).
            .Format16("vl_1.dat", [10, 11, -3])
            .Text("vl_1.hea", $"vl_1 1 100 3\n{Signal("vl_1.dat", [10, 11, -3], 200, "II")}\n")
            // Segment 2 has both, in the other order, at the layout's calibration.
            .Format16("vl_2.dat", [7, 70, 8, 80])
            .Text("vl_2.hea", $"vl_2 2 100 2\n{Signal("vl_2.dat", [7, 8], 100, "II", 5)}\n{Signal("vl_2.dat", [70, 80], 100, "I")}\n")
            .Text("vl.hea", "vl/4 2 100 7\nvl_0 0\nvl_1 3\n~ 2\nvl_2 2\n");
        var record = RecordFiles.Read(f.Path("vl"));
        Assert.Equal(["I", "II"], record.Info.Leads.Select(l => l.Name));
        Assert.Equal([(100.0, 0), (100.0, 5)], record.Info.Leads.Select(l => (l.Gain, l.Baseline)));
        Assert.Equal([Invalid, Invalid, Invalid, Invalid, Invalid, 70, 80], record.Samples[0]);
        Assert.Equal([10, 11, 4, Invalid, Invalid, 7, 8], record.Samples[1]);
    }

    [Fact]
    public void SegmentLengthDisagreeingWithItsHeaderIsNamed()
    {
        var f = new Fixture()
            .Format16("bad_1.dat", [1, 2])
            .Text("bad_1.hea", "bad_1 1 100 2\nbad_1.dat 16\n")
            .Text("bad.hea", "bad/1 1 100 5\nbad_1 5\n");
        var e = Assert.Throws<SignalFormatException>(() => RecordFiles.Open(f.Path("bad")));
        Assert.Equal(f.Path("bad_1.hea"), e.File);
        Assert.Equal("length", e.Field);
    }

    [Fact]
    public void MasterLengthDisagreeingWithTheSegmentsIsNamed()
    {
        var f = new Fixture()
            .Format16("ml_1.dat", [1, 2])
            .Text("ml_1.hea", "ml_1 1 100 2\nml_1.dat 16\n")
            .Text("ml.hea", "ml/2 1 100 9\nml_1 2\n~ 3\n");
        var e = Assert.Throws<SignalFormatException>(() => RecordFiles.Open(f.Path("ml")));
        Assert.Equal((f.Path("ml.hea"), "length"), (e.File, e.Field));
    }

    [Fact]
    public void MissingSegmentHeaderIsNamed()
    {
        var f = new Fixture().Text("ms.hea", "ms/1 1 100 5\nms_1 5\n");
        var e = Assert.Throws<SignalFormatException>(() => RecordFiles.Open(f.Path("ms")));
        Assert.Equal((f.Path("ms_1.hea"), "header"), (e.File, e.Field));
    }

    [Fact]
    public void NestedMultiSegmentRecordsAreRefused()
    {
        var f = new Fixture().Text("in.hea", "in/1 1 100 5\n~ 5\n").Text("out.hea", "out/1 1 100 5\nin 5\n");
        var e = Assert.Throws<SignalFormatException>(() => RecordFiles.Open(f.Path("out")));
        Assert.Equal((f.Path("in.hea"), "record line"), (e.File, e.Field));
    }
}
