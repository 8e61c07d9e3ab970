using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;
using Einthoven.TestSupport;

namespace Einthoven.Signal.Tests.Csv;

public class CsvConventionTests
{
    private static string Write(string text, string name = "c.csv")
    {
        var path = Path.Combine(TestData.TempDir(), name);
        File.WriteAllText(path, text);
        return path;
    }

    private static SignalFormatException Refused(string text, FormatOptions? options = null)
    {
        var path = Write(text);
        var error = Assert.Throws<SignalFormatException>(() => RecordFiles.Read(path, options: options));
        Assert.Equal(path, error.File);
        return error;
    }

    [Fact]
    public void Directive_line_header_units_and_time_column_are_read()
    {
        var record = RecordFiles.Read(Write("# sampling_rate=360; start=2026-11-22T10:30:15\ntime,MLII [mV],V5 (uV)\n0,-0.145,65\n0.003,-0.15,70.5\n0.006,0.005,-1\n"));
        Assert.Equal(360, record.Info.SamplingFrequency);
        Assert.Equal(new DateTime(2026, 11, 22, 10, 30, 15), record.Info.Start);
        Assert.Equal([("MLII", "mV", 1000.0), ("V5", "uV", 10.0)], record.Info.Leads.Select(l => (l.Name, l.Unit, l.Gain)));
        Assert.Equal([-145, -150, 5], record.Samples[0]);
        Assert.Equal([650, 705, -10], record.Samples[1]);
        Assert.Equal([-0.145, -0.15, 0.005], record.Physical(0));
    }

    [Fact]
    public void A_file_stating_neither_rate_nor_unit_is_refused_with_how_to_state_them()
    {
        var rate = Refused("MLII,V5\n1,2\n3,4\n");
        Assert.Equal("sampling rate", rate.Field);
        Assert.Contains("# sampling_rate=360; unit=mV", rate.Reason);
        Assert.Contains("--fs", rate.Reason);
        var unit = Refused("# fs=250\nMLII,V5\n1,2\n3,4\n");
        Assert.Equal("column 'MLII' unit", unit.Field);
        Assert.Contains("--unit", unit.Reason);
    }

    [Fact]
    public void Options_supply_what_the_file_does_not_say_but_may_not_contradict_it()
    {
        var path = Write("1,2\n3,4\n5,6\n");
        var record = RecordFiles.Read(path, options: new FormatOptions { SamplingFrequency = 500, Unit = "µV" });
        Assert.Equal(500, record.Info.SamplingFrequency);
        Assert.Equal(["ch1", "ch2"], record.Info.Leads.Select(l => l.Name));
        Assert.All(record.Info.Leads, l => Assert.Equal("uV", l.Unit));
        Assert.Equal([2, 4, 6], record.Samples[1]);

        Assert.Contains("--fs says 250", Refused("# fs=360; unit=mV\n1\n", new FormatOptions { SamplingFrequency = 250 }).Reason);
        Assert.Contains("--unit says V", Refused("# fs=360\nI [mV]\n1\n", new FormatOptions { Unit = "V" }).Reason);
    }

    [Fact]
    public void A_time_column_that_disagrees_with_the_rate_is_refused_at_its_line()
    {
        var error = Refused("# fs=100; unit=mV\ntime,I\n0,1\n0.01,2\n0.02,3\n0.05,4\n");
        Assert.Equal("line 6 column 'time'", error.Field);
        Assert.Contains("100 Hz", error.Reason);
    }

    [Fact]
    public void A_time_column_alone_states_the_rate()
    {
        // 360 Hz with times rounded to milliseconds, in ms.
        var rows = Enumerable.Range(0, 1000).Select(i => $"{Math.Round(i * 1000 / 360.0)},{i % 50}");
        var record = RecordFiles.Read(Write("time [ms],II [mV]\n" + string.Join("\n", rows)));
        Assert.Equal(360, record.Info.SamplingFrequency);
        Assert.Contains(record.Info.Comments, c => c.Contains("time column"));
        Assert.Contains("does not increase", Refused("t,I [mV]\n0,1\n0.5,2\n0.5,3\n").Reason);
    }

    [Fact]
    public void Semicolons_allow_decimal_commas_and_a_bom_and_crlf_are_accepted()
    {
        var path = Write("\uFEFF# sampling_rate=128; unit=mV\r\nI;II\r\n0,5;-1,25\r\n1;2\r\n\r\n");
        var record = RecordFiles.Read(path);
        Assert.Equal([0.5, 1], record.Physical(0));
        Assert.Equal([-1.25, 2], record.Physical(1));
    }

    [Fact]
    public void Stated_gains_and_baselines_are_kept_and_values_must_sit_on_their_grid()
    {
        var record = RecordFiles.Read(Write("# fs=360; unit=mV; gain=200; baseline=1024.5\nI,II\n-0.0025,0.0025\n-5.1225,0.9975\n"));
        Assert.All(record.Info.Leads, l => Assert.Equal((200.0, 1025, -0.5), (l.Gain, l.Baseline, l.BaselineFraction)));
        Assert.Equal([1024, 0], record.Samples[0]);
        Assert.Equal([1025, 1224], record.Samples[1]);
        var error = Refused("# fs=360; unit=mV; gain=200\nI\n0.001\n");
        Assert.Equal("line 3 column 'I'", error.Field);
        Assert.Contains("gain 200", error.Reason);
    }

    [Theory]
    [InlineData("# fs=360; unit=mV\nI,II\n1,2\n3\n", "line 4")]
    [InlineData("# fs=360; unit=mV\nI,II\n1,2\n3,x\n", "line 4 column 'II'")]
    [InlineData("# fs=abc; unit=mV\nI\n1\n", "line 1 'fs'")]
    [InlineData("# fs=360; fs=250; unit=mV\nI\n1\n", "line 1 'fs'")]
    [InlineData("# fs=360; unit=mV; gain=1,2,3\nI,II\n1,2\n", "gain")]
    [InlineData("# fs=360; unit=mV\ntime [h],I\n1,2\n", "line 2 column 'time [h]'")]
    [InlineData("# fs=360; unit=mV\n\n", "content")]
    [InlineData("# fs=360; unit=mV\nI\n99999999999\n", "column 'I'")]
    public void Malformed_content_names_the_line_and_column(string text, string field)
    {
        Assert.Equal(field, Refused(text).Field);
    }

    [Fact]
    public void Other_hash_lines_are_comments()
    {
        var record = RecordFiles.Read(Write("# recorded in ward 3\n## fs=1\n# fs=250, unit=mV\nI\n1\n"));
        Assert.Equal(["recorded in ward 3", "fs=1"], record.Info.Comments);
        Assert.Equal(250, record.Info.SamplingFrequency);
    }
}
