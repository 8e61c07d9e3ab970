using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Csv;
using Einthoven.Signal.Records;
using Einthoven.Signal.Tests.Support;
using Einthoven.TestSupport;

namespace Einthoven.Signal.Tests.Csv;

public class AppleHealthTests
{
    private static string Write(string text)
    {
        var path = Path.Combine(TestData.TempDir(), "ecg_2026-05-30.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void The_export_is_recognised_and_its_preamble_mapped()
    {
        var values = AppleHealthFixture.Waveform();
        var record = RecordFiles.Read(Write(AppleHealthFixture.Text(values)));
        var info = record.Info;
        Assert.Equal(512, info.SamplingFrequency);
        Assert.Equal(values.Length, info.SampleCount);
        Assert.Equal(("I", "uV", 1000.0), (info.Leads[0].Name, info.Leads[0].Unit, info.Leads[0].Gain));
        Assert.Equal(new DateTime(2026, 5, 30, 16, 32, 18), info.Start);
        Assert.Equal("Test Person", info.Metadata[MetadataKeys.PatientName]);
        Assert.Equal("1990-01-15", info.Metadata[MetadataKeys.BirthDate]);
        Assert.Equal("Watch6,7", info.Metadata[MetadataKeys.Device]);
        Assert.Equal("Sinus Rhythm", info.Metadata[AppleHealthMetadataKeys.Classification]);
        Assert.Equal("1.90", info.Metadata[AppleHealthMetadataKeys.SoftwareVersion]);
        Assert.Equal("2026-05-30 16:32:18 -0700", info.Metadata[AppleHealthMetadataKeys.RecordedDate]);
        Assert.False(info.Metadata.ContainsKey(AppleHealthMetadataKeys.Symptoms));
        Assert.Equal(values, record.Physical(0));
    }

    [Fact]
    public void A_decimal_comma_locale_reads_the_same_values()
    {
        var values = AppleHealthFixture.Waveform(2);
        var record = RecordFiles.Read(Write(AppleHealthFixture.Text(values, decimalComma: true)));
        Assert.Equal(values, record.Physical(0));
    }

    [Fact]
    public void An_export_without_a_unit_is_refused_unless_one_is_given()
    {
        var path = Write(AppleHealthFixture.Text(AppleHealthFixture.Waveform(1), withUnit: false));
        var error = Assert.Throws<SignalFormatException>(() => RecordFiles.Read(path));
        Assert.Equal("column 'I' unit", error.Field);
        Assert.Equal("uV", RecordFiles.Read(path, options: new FormatOptions { Unit = "uV" }).Info.Leads[0].Unit);
    }

    [Fact]
    public void A_bad_sample_rate_names_the_field()
    {
        var text = AppleHealthFixture.Text([1, 2, 3]).Replace("512 hertz", "fast");
        var error = Assert.Throws<SignalFormatException>(() => RecordFiles.Read(Write(text)));
        Assert.Equal("Sample Rate", error.Field);
    }

    [Fact]
    public void A_generic_csv_whose_first_column_is_called_name_is_not_taken_for_apple()
    {
        var record = RecordFiles.Read(Write("# fs=100; unit=mV\nName,Other\n1,2\n"));
        Assert.Equal(["Name", "Other"], record.Info.Leads.Select(l => l.Name));
    }
}
