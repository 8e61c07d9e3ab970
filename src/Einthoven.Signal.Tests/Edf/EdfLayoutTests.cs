using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Edf;
using Einthoven.Signal.Records;
using Einthoven.Signal.Tests.Support;
using Einthoven.TestSupport;

namespace Einthoven.Signal.Tests.Edf;

/// <summary>Layouts the writer never produces: EDF+D, mixed sampling rates, plain EDF headers.</summary>
public class EdfLayoutTests
{
    private static string Path_() => Path.Combine(TestData.TempDir(), "x.edf");

    [Fact]
    public void Discontinuous_records_sit_at_their_onsets_with_gaps_filled()
    {
        var onsets = new[] { 0m, 1m, 5m };
        var header = new EdfHeader
        {
            Reserved = "EDF+D", RecordCount = 3, RecordDuration = 1,
            Signals = [EdfFiles.Signal("ECG", 4), EdfFiles.Annotations(20)],
        };
        var path = EdfFiles.Write(Path_(), header, (r, _, i) => (short)(10 * r + i),
            r => EdfFiles.Tal($"+{onsets[r]}\u0014\u0014\0" + (r == 2 ? "+5.5\u0014N\u0014\0" : "")));

        using var reader = RecordFiles.Open(path);
        Assert.Equal(24, reader.Info.SampleCount);
        var block = reader.Read(6, 12).Samples[0];
        var gap = EdfFormat.GapValue;
        Assert.Equal([12, 13, gap, gap, gap, gap, gap, gap, gap, gap, gap, gap], block);
        Assert.Equal([20, 21, 22, 23], reader.Read(20, 100).Samples[0]);
        Assert.Equal(Enumerable.Repeat(gap, 3), reader.Read(9, 3).Samples[0]);
        Assert.Equal([new Annotation(22, AnnotationCodes.Normal)], reader.ReadAnnotations("edf"));
    }

    [Fact]
    public void A_gap_too_long_to_load_whole_is_refused_but_readable_in_windows()
    {
        var header = new EdfHeader
        {
            Reserved = "EDF+D", RecordCount = 2, RecordDuration = 1,
            Signals = [EdfFiles.Signal("I", 100), EdfFiles.Signal("II", 100), EdfFiles.Annotations(20)],
        };
        // Two one-second records 20 million seconds (8 months) apart: 2e9 samples per lead.
        var path = EdfFiles.Write(Path_(), header, (r, s, i) => (short)i, r => EdfFiles.Tal($"+{r * 20_000_000}\u0014\u0014\0"));
        var error = Assert.Throws<SignalFormatException>(() => RecordFiles.Read(path));
        Assert.Equal("length", error.Field);
        using var reader = RecordFiles.Open(path);
        Assert.Equal(2_000_000_100, reader.Info.SampleCount);
        Assert.Equal([98, 99], reader.Read(2_000_000_098, 5).Samples[1]);
    }

    [Fact]
    public void Overlapping_discontinuous_records_are_refused()
    {
        var header = new EdfHeader
        {
            Reserved = "EDF+D", RecordCount = 2, RecordDuration = 1,
            Signals = [EdfFiles.Signal("ECG", 4), EdfFiles.Annotations(10)],
        };
        var path = EdfFiles.Write(Path_(), header, (_, _, _) => 0, r => EdfFiles.Tal($"+{r * 0.5m}\u0014\u0014\0"));
        var error = Assert.Throws<SignalFormatException>(() => RecordFiles.Open(path));
        Assert.Equal("data record 2 time-keeping annotation", error.Field);
    }

    [Fact]
    public void Discontinuous_without_an_annotation_signal_is_refused()
    {
        var header = new EdfHeader { Reserved = "EDF+D", RecordCount = 1, RecordDuration = 1, Signals = [EdfFiles.Signal("ECG", 4)] };
        var error = Assert.Throws<SignalFormatException>(() => RecordFiles.Open(EdfFiles.Write(Path_(), header, (_, _, _) => 0)));
        Assert.Equal("reserved", error.Field);
    }

    [Fact]
    public void Slower_signals_are_left_out_with_a_note()
    {
        var header = new EdfHeader
        {
            RecordCount = 2, RecordDuration = 1,
            Signals = [EdfFiles.Signal("ECG I", 8), EdfFiles.Signal("SpO2", 2, "%"), EdfFiles.Signal("ECG II", 8, "mV")],
        };
        var path = EdfFiles.Write(Path_(), header, (r, s, i) => (short)(100 * s + 10 * r + i));
        var record = RecordFiles.Read(path);
        Assert.Equal(["ECG I", "ECG II"], record.Info.Leads.Select(l => l.Name));
        Assert.Equal(8, record.Info.SamplingFrequency);
        Assert.Equal([200, 201, 202, 203, 204, 205, 206, 207, 210, 211, 212, 213, 214, 215, 216, 217], record.Samples[1]);
        Assert.Contains(record.Info.Comments, c => c.Contains("'SpO2'") && c.Contains("not included"));
    }

    [Fact]
    public void Edf_plus_identification_fields_become_metadata()
    {
        var header = new EdfHeader
        {
            Patient = "MCH-0234567 F 02-MAY-1951 Haagse_Harry extra_info",
            Recording = "Startdate 02-MAR-2002 PSG-1234/2002 NN Telemetry03 more",
            StartDate = "02.03.02", StartTime = "13.04.05", Reserved = "EDF+C", RecordCount = 1, RecordDuration = 1,
            Signals = [EdfFiles.Signal("ECG", 4, "µV"), EdfFiles.Signal("ECG2", 4) with { PhysicalMin = -500, PhysicalMax = 500 }, EdfFiles.Annotations(10)],
        };
        var path = EdfFiles.Write(Path_(), header, (_, _, _) => 0, _ => EdfFiles.Tal("+0\u0014\u0014\0"));
        // Some writers put a Latin-1 micro sign in the (nominally ASCII) physical dimension.
        var bytes = File.ReadAllBytes(path);
        bytes[256 + header.Signals.Count * (16 + 80)] = 0xB5;
        File.WriteAllBytes(path, bytes);
        var info = RecordFiles.Read(path).Info;
        Assert.Equal(new Dictionary<string, string>
        {
            [MetadataKeys.PatientId] = "MCH-0234567", [MetadataKeys.Sex] = "F", [MetadataKeys.BirthDate] = "1951-05-02",
            [MetadataKeys.PatientName] = "Haagse Harry", [EdfMetadataKeys.PatientExtra] = "extra_info",
            [MetadataKeys.RecordingId] = "PSG-1234/2002", [MetadataKeys.Technician] = "NN", [MetadataKeys.Device] = "Telemetry03",
            [EdfMetadataKeys.RecordingExtra] = "more",
        }, info.Metadata);
        Assert.Equal(new DateOnly(2002, 3, 2), info.StartDate);
        Assert.Equal(new TimeOnly(13, 4, 5), info.StartTime);
        Assert.Equal("uV", info.Leads[0].Unit);
        Assert.Equal(10, info.Leads[0].Gain);
        Assert.Equal((0, 0.0), (info.Leads[0].Baseline, info.Leads[0].BaselineFraction));
        // A symmetric physical range over -32768..32767 puts zero half-way between two digital values.
        Assert.Equal((65.535, 0, -0.5), (info.Leads[1].Gain, info.Leads[1].Baseline, info.Leads[1].BaselineFraction));
    }

    [Fact]
    public void Plain_edf_keeps_its_free_text_fields_and_two_digit_year()
    {
        var header = new EdfHeader
        {
            Patient = "John Doe, 1960", Recording = "Holter ward 3", StartDate = "31.12.99", StartTime = "23.59.59",
            RecordCount = 1, RecordDuration = 0.5m, Signals = [EdfFiles.Signal("ECG", 4, "mV")],
        };
        var info = RecordFiles.Read(EdfFiles.Write(Path_(), header, (_, _, _) => 0)).Info;
        Assert.Equal("John Doe, 1960", info.Metadata[EdfMetadataKeys.Patient]);
        Assert.Equal("Holter ward 3", info.Metadata[EdfMetadataKeys.Recording]);
        Assert.Equal(new DateOnly(1999, 12, 31), info.StartDate);
        Assert.Equal(8, info.SamplingFrequency);
    }

    [Fact]
    public void Windows_decode_only_the_covered_samples()
    {
        var header = new EdfHeader { RecordCount = 50, RecordDuration = 1, Signals = [EdfFiles.Signal("ECG", 7)] };
        var path = EdfFiles.Write(Path_(), header, (r, _, i) => (short)(7 * r + i));
        using var reader = RecordFiles.Open(path);
        Assert.Equal(Enumerable.Range(13, 30), reader.Read(13, 30).Samples[0]);
        Assert.Equal(Enumerable.Range(345, 5), reader.Read(345, 99).Samples[0]);
        Assert.Empty(reader.Read(350, 10).Samples[0]);
        Assert.Empty(reader.Read(-5, 10).Samples[0]);
    }
}
