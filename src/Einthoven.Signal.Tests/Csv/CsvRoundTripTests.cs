using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;
using Einthoven.Signal.Tests.Support;
using Einthoven.TestSupport;
using FsCheck.Xunit;

namespace Einthoven.Signal.Tests.Csv;

public class CsvRoundTripTests
{
    [Property(MaxTest = 100)]
    public void Samples_calibration_rate_start_and_comments_survive(int seed)
    {
        var random = RandomRecords.Create(new Random(seed), maxMagnitude: 100_000, annotations: false, fractions: true);
        var record = random.WithInfo(random.Info with { Comments = ["first comment", "fs=1; looks like a directive", ""] });
        var path = Path.Combine(TestData.TempDir(), "r.csv");
        RecordFiles.Write(record, path);
        var back = RecordFiles.Read(path);

        Assert.Equal(record.Info.SamplingFrequency, back.Info.SamplingFrequency);
        Assert.Equal(record.Info.SampleCount, back.Info.SampleCount);
        Assert.Equal(record.Info.Start, back.Info.Start);
        Assert.Equal(record.Info.Comments, back.Info.Comments);
        Assert.Equal(record.Info.Leads.Select(l => (l.Name, l.Unit, l.Gain, l.Baseline, l.BaselineFraction)),
            back.Info.Leads.Select(l => (l.Name, l.Unit, l.Gain, l.Baseline, l.BaselineFraction)));
        Assert.Equal(record.Samples, back.Samples);
    }

    [Property(MaxTest = 15)]
    public void Any_window_reads_what_the_whole_file_holds(int seed)
    {
        var rng = new Random(seed);
        var record = RandomRecords.Create(rng, annotations: false);
        var length = 3000 + rng.Next(3000);
        var longer = new EcgRecord(record.Info with { SampleCount = length },
            record.Samples.Select(s => Enumerable.Range(0, length).Select(i => s[i % s.Length] + i % 7).ToArray()).ToArray());
        var path = Path.Combine(TestData.TempDir(), "w.csv");
        RecordFiles.Write(longer, path);
        using var reader = RecordFiles.Open(path);
        for (var k = 0; k < 12; k++)
        {
            var start = rng.Next(-10, length + 10);
            var count = rng.Next(0, 2500);
            var block = reader.Read(start, count);
            var expectedLength = start < 0 || start >= length ? 0 : Math.Min(count, length - start);
            Assert.Equal(expectedLength, block.Length);
            for (var lead = 0; lead < longer.Samples.Length; lead++)
                Assert.Equal(longer.Samples[lead].Skip(Math.Max(start, 0)).Take(expectedLength), block.Samples[lead]);
        }
    }

    [Fact]
    public void Names_with_delimiters_and_quotes_survive()
    {
        var lead = new LeadInfo { Name = "V1; \"chest\", left", Unit = "mV", Gain = 1000 };
        var record = new EcgRecord(new RecordInfo { Name = "q", SamplingFrequency = 250, SampleCount = 3, Leads = [lead, lead with { Name = "II" }] },
            [[1, -2, 3], [4, 5, -6]]);
        var path = Path.Combine(TestData.TempDir(), "q.csv");
        RecordFiles.Write(record, path);
        var back = RecordFiles.Read(path);
        Assert.Equal(["V1; \"chest\", left", "II"], back.Info.Leads.Select(l => l.Name));
        Assert.Equal(record.Samples, back.Samples);
    }
}
