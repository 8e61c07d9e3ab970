using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Edf;
using Einthoven.Signal.Records;
using Einthoven.Signal.Tests.Support;
using Einthoven.TestSupport;
using FsCheck.Xunit;

namespace Einthoven.Signal.Tests.Edf;

public class EdfRoundTripTests
{
    private static EcgRecord WriteAndRead(EcgRecord record)
    {
        var path = Path.Combine(TestData.TempDir(), "r.edf");
        RecordFiles.Write(record, path);
        return RecordFiles.Read(path);
    }

    [Property(MaxTest = 150)]
    public void Samples_calibration_annotations_and_metadata_survive(int seed)
    {
        var record = RandomRecords.Create(new Random(seed));
        var back = WriteAndRead(record);

        Assert.Equal(record.Info.SamplingFrequency, back.Info.SamplingFrequency);
        Assert.Equal(record.Info.StartDate, back.Info.StartDate);
        Assert.Equal(record.Info.StartTime, back.Info.StartTime);
        Assert.Equal(record.Info.Metadata.OrderBy(p => p.Key), back.Info.Metadata.OrderBy(p => p.Key));
        Assert.InRange(back.Info.SampleCount, record.Info.SampleCount, record.Info.SampleCount + (long)record.Info.SamplingFrequency * 2);
        for (var lead = 0; lead < record.Info.Leads.Count; lead++)
        {
            var (a, b) = (record.Info.Leads[lead], back.Info.Leads[lead]);
            Assert.Equal((a.Name, a.Unit, a.Gain, a.Baseline), (b.Name, b.Unit, b.Gain, b.Baseline));
            Assert.Equal(record.Samples[lead], back.Samples[lead][..record.Samples[lead].Length]);
            // EDF stores whole data records: the tail is padded with the last sample.
            Assert.All(back.Samples[lead][record.Samples[lead].Length..], v => Assert.Equal(record.Samples[lead][^1], v));
        }
        var expected = record.Annotations.GetValueOrDefault("edf") ?? [];
        Assert.Equal(expected, back.Annotations.GetValueOrDefault("edf") ?? []);
    }

    [Property(MaxTest = 60)]
    public void Samples_wider_than_16_bits_are_rescaled_within_one_step(int seed)
    {
        var record = RandomRecords.Create(new Random(seed), maxMagnitude: 5_000_000, annotations: false, minGain: 1);
        var back = WriteAndRead(record);
        for (var lead = 0; lead < record.Info.Leads.Count; lead++)
        {
            var (a, b) = (record.Info.Leads[lead], back.Info.Leads[lead]);
            var divisor = Math.Round(a.Gain / b.Gain);
            Assert.True(divisor >= 1);
            Assert.Equal(a.Gain / divisor, b.Gain, 9);
            Assert.All(back.Samples[lead], v => Assert.InRange(v, short.MinValue, short.MaxValue));
            var step = 1 / b.Gain;
            for (var i = 0; i < record.Samples[lead].Length; i++)
                Assert.True(Math.Abs(a.ToPhysical(record.Samples[lead][i]) - b.ToPhysical(back.Samples[lead][i])) <= step * 0.5 + 1e-9,
                    $"lead {lead} sample {i}");
        }
    }

    [Fact]
    public void Physical_values_beyond_eight_characters_are_refused_with_the_reason()
    {
        var lead = new LeadInfo { Name = "huge", Gain = 0.001 };
        var record = new EcgRecord(new RecordInfo { Name = "h", SamplingFrequency = 100, SampleCount = 2, Leads = [lead] }, [[-2_000_000_000, 2_000_000_000]]);
        var error = Assert.Throws<ArgumentException>(() => RecordFiles.Write(record, Path.Combine(TestData.TempDir(), "h.edf")));
        Assert.Contains("8-character", error.Message);
    }

    [Fact]
    public void A_length_some_record_size_divides_is_not_padded()
    {
        var record = RandomRecords.Create(new Random(7), annotations: false);
        var info = record.Info with { SampleCount = 720, SamplingFrequency = 360 };
        var exact = new EcgRecord(info, record.Samples.Select(s => Enumerable.Range(0, 720).Select(i => s[i % s.Length]).ToArray()).ToArray());
        var back = WriteAndRead(exact);
        Assert.Equal(720, back.Info.SampleCount);
        Assert.Empty(back.Annotations);
    }

    [Fact]
    public void Years_outside_the_two_digit_window_use_the_edf_plus_start_date()
    {
        var record = RandomRecords.Create(new Random(3), annotations: false);
        var late = record.WithInfo(record.Info with { StartDate = new DateOnly(2091, 3, 4), StartTime = new TimeOnly(23, 59, 59, 500) });
        var path = Path.Combine(TestData.TempDir(), "late.edf");
        RecordFiles.Write(late, path);
        var header = System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(path), 168, 16);
        Assert.Equal("04.03.yy23.59.59", header);
        var back = RecordFiles.Read(path);
        Assert.Equal(new DateOnly(2091, 3, 4), back.Info.StartDate);
        Assert.Equal(new TimeOnly(23, 59, 59, 500), back.Info.StartTime);
    }

    [Fact]
    public void An_unknown_start_reads_back_as_unknown()
    {
        var record = RandomRecords.Create(new Random(5), annotations: false);
        var back = WriteAndRead(record.WithInfo(record.Info with { StartDate = null, StartTime = null, Metadata = new Dictionary<string, string>() }));
        Assert.Null(back.Info.StartDate);
        Assert.Null(back.Info.StartTime);
        Assert.Empty(back.Info.Metadata);
    }
}
