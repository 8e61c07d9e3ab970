using Einthoven.Signal.Formats.Wfdb;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Tests.Wfdb;

public class HeaderTests
{
    [Fact]
    public void RecordLineWithEveryField()
    {
        var h = WfdbHeaderFile.Parse("rec 2 360/720(12.5) 1000 12:30:45.5 25/12/1999\nrec.dat 16\nrec.dat 16\n", "rec.hea");
        Assert.Equal(("rec", 360.0, 720.0, 12.5, 1000L), (h.RecordName, h.SamplingFrequency, h.CounterFrequency!.Value, h.BaseCounter, h.SampleCount));
        Assert.Equal(new TimeOnly(12, 30, 45, 500), h.BaseTime);
        Assert.Equal(new DateOnly(1999, 12, 25), h.BaseDate);
        Assert.Null(h.Segments);
    }

    [Fact]
    public void SignalLineWithEveryField()
    {
        var s = WfdbHeaderFile.Parse("rec 1 100 10\nrec.dat 16x4:8+100 250.5(-10)/uV 14 5 7 1234 512 ECG lead II\n", "rec.hea").Signals[0];
        Assert.Equal(("rec.dat", 16, 4, 8, 100L), (s.FileName, s.Format, s.SamplesPerFrame, s.Skew, s.ByteOffset));
        Assert.Equal((250.5, -10, "uV"), (s.Gain, s.Baseline, s.Units));
        Assert.Equal((14, 5, 7, (int?)1234, 512, "ECG lead II"), (s.AdcResolution, s.AdcZero, s.InitialValue, s.Checksum, s.BlockSize, s.Description));
    }

    [Fact]
    public void MissingFieldsTakeWfdbDefaults()
    {
        var h = WfdbHeaderFile.Parse("rec 3\nrec.dat 212\nrec.dat 212 0 11 1024\nx.dat 80\n", "rec.hea");
        Assert.Equal((250.0, 0L, (double?)null), (h.SamplingFrequency, h.SampleCount, h.CounterFrequency));
        var s = h.Signals[0];
        Assert.Equal((0.0, 200.0, 0, "mV", 12, 0, 0, (int?)null, "record rec, signal 0"),
            (s.Gain, s.EffectiveGain, s.Baseline, s.Units, s.AdcResolution, s.AdcZero, s.InitialValue, s.Checksum, s.Description));
        // Zero gain means uncalibrated (read as 200); the baseline and initial value default to the ADC zero.
        Assert.Equal((200.0, 1024, 1024, 11), (h.Signals[1].EffectiveGain, h.Signals[1].Baseline, h.Signals[1].InitialValue, h.Signals[1].AdcResolution));
        Assert.Equal(8, h.Signals[2].AdcResolution);
        Assert.Equal(10, WfdbHeaderFile.Parse("r 1\nr.dat 310\n", "r.hea").Signals[0].AdcResolution);
    }

    [Fact]
    public void CommentsAreKeptInOrderWhereverTheyAre()
    {
        var h = WfdbHeaderFile.Parse("#wfdb 10.7\n# before\r\nrec 1 100 5\r\n#between\nrec.dat 16\n\n# after: 3\n", "rec.hea");
        Assert.Equal(["wfdb 10.7", "before", "between", "after: 3"], h.Comments);
        Assert.Single(h.Signals);
    }

    [Fact]
    public void MultiSegmentMasterHeader()
    {
        var h = WfdbHeaderFile.Parse("big/3 2 125 700 08:00:00\nbig_0 0\nbig_1 400\n~ 300\n", "big.hea");
        Assert.True(h.IsMultiSegment);
        Assert.Equal(2, h.SignalCount);
        Assert.Equal([new WfdbSegment("big_0", 0), new WfdbSegment("big_1", 400), new WfdbSegment("~", 300)], h.Segments);
        Assert.True(h.Segments![2].IsGap);
    }

    [Theory]
    [InlineData("rec 1 360 650000\nrec.dat 212 200 11 1024 995 -22131 0 MLII\n# 69 M 1085 1629 x1\n")]
    [InlineData("rec 2 360/720(12.5) 1000 12:30:45.500 25/12/1999\nrec.dat 16x2:4+24 250.5(-10)/uV 14 5 7 1234 0 A\nrec.dat 16x2:4+24 1 14 5 7 0 0 B c\n")]
    [InlineData("ms/2 1 100 10\nms_0 0\n~ 10\n# note\n")]
    public void FormattedHeadersParseBackToTheSameFields(string text)
    {
        var header = WfdbHeaderFile.Parse(text, "t.hea");
        var again = WfdbHeaderFile.Parse(WfdbHeaderFile.Format(header), "t.hea");
        Assert.Equal(header.Signals, again.Signals);
        Assert.Equal(header.Segments, again.Segments);
        Assert.Equal(header.Comments, again.Comments);
        Assert.Equal(header with { Signals = [], Segments = null, Comments = [] }, again with { Signals = [], Segments = null, Comments = [] });
    }

    [Theory]
    [InlineData("69 M 1085 1629 x1", "69", "M")]
    [InlineData("-1 F 978 654 x1", null, "F")]
    [InlineData("<age>: 56 <sex>: female <dx>: MI", "56", "F")]
    [InlineData("Age: 74", "74", null)]
    [InlineData("sex: Male", null, "M")]
    [InlineData("Aldomet, Inderal", null, null)]
    public void PatientMetadataFromComments(string comment, string? age, string? sex)
    {
        var metadata = WfdbComments.Metadata([comment]);
        Assert.Equal(age, metadata.GetValueOrDefault(MetadataKeys.Age));
        Assert.Equal(sex, metadata.GetValueOrDefault(MetadataKeys.Sex));
    }

    [Fact]
    public void OtherKeyValueCommentsBecomeMetadataToo()
    {
        var metadata = WfdbComments.Metadata(["Patient ID: 1234", "<dx>: MI", "Recording site: ward 5", "free text without a key"]);
        Assert.Equal("1234", metadata[MetadataKeys.PatientId]);
        Assert.Equal("MI", metadata["dx"]);
        Assert.Equal("ward 5", metadata["recording_site"]);
        Assert.Equal(3, metadata.Count);
    }

    [Theory]
    [InlineData("rec x 360", "number of signals")]
    [InlineData("rec", "number of signals")]
    [InlineData("rec 1 abc\nrec.dat 16", "sampling frequency")]
    [InlineData("rec 1 -5\nrec.dat 16", "sampling frequency")]
    [InlineData("rec 1 360/zz\nrec.dat 16", "counter frequency")]
    [InlineData("rec 1 360 12x\nrec.dat 16", "length")]
    [InlineData("rec 1 360 -3\nrec.dat 16", "length")]
    [InlineData("rec 1 360 10 25:00:00\nrec.dat 16", "base time")]
    [InlineData("rec 1 360 10 10:00:00 31/02/2020\nrec.dat 16", "base date")]
    [InlineData("rec 1 360 10\nrec.dat 999", "signal 0 format")]
    [InlineData("rec 1 360 10\nrec.dat abc", "signal 0 format")]
    [InlineData("rec 1 360 10\nrec.dat 16x0", "signal 0 samples per frame")]
    [InlineData("rec 1 360 10\nrec.dat 16+x", "signal 0 byte offset")]
    [InlineData("rec 1 360 10\nrec.dat 16 abc", "signal 0 gain")]
    [InlineData("rec 1 360 10\nrec.dat 16 200(x)", "signal 0 baseline")]
    [InlineData("rec 1 360 10\nrec.dat 16 200 1.5", "signal 0 ADC resolution")]
    [InlineData("rec 1 360 10\nrec.dat 16 200 12 z", "signal 0 ADC zero")]
    [InlineData("rec 1 360 10\nrec.dat 16 200 12 0 q", "signal 0 initial value")]
    [InlineData("rec 1 360 10\nrec.dat 16 200 12 0 0 zz", "signal 0 checksum")]
    [InlineData("rec 1 360 10\nrec.dat 16 200 12 0 0 0 ?", "signal 0 block size")]
    [InlineData("rec 1 360 10\n../etc/passwd 16", "signal 0 file")]
    [InlineData("rec 2 360 10\nrec.dat 16\nrec.dat 212", "signal 1 format")]
    [InlineData("rec 3 360 10\na.dat 16\nb.dat 16\na.dat 16", "signal 2 file")]
    [InlineData("rec 5 360 10\nrec.dat 16", "signal lines")]
    [InlineData("rec 1000000 360 10\nrec.dat 16", "number of signals")]
    [InlineData("rec/0 1 360 10", "number of segments")]
    [InlineData("rec/2 1 360 10\na 5", "segments")]
    [InlineData("rec/1 1 360 10\na five", "segment 0 length")]
    [InlineData("rec/1 1 360 10\n../a 5", "segment 0")]
    [InlineData("# only a comment", "record line")]
    public void MalformedHeadersNameTheFileAndField(string text, string field)
    {
        var e = Assert.Throws<SignalFormatException>(() => WfdbHeaderFile.Parse(text, "/data/rec.hea"));
        Assert.Equal("/data/rec.hea", e.File);
        Assert.Equal(field, e.Field);
        Assert.StartsWith("/data/rec.hea: " + field + ": ", e.Message);
    }
}
