using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Scp;
using Einthoven.Signal.Records;
using FsCheck.Xunit;

namespace Einthoven.Signal.Tests.Scp;

public class ScpRoundTripTests
{
    public static TheoryData<int, bool, bool> Encodings => new()
    {
        { 0, false, false }, { 1, false, false }, { 2, false, false },
        { 0, true, false }, { 1, true, false }, { 2, true, false }, { 2, true, true },
    };

    private static void AssertSame(EcgRecord record, EcgRecord back)
    {
        Assert.Equal(record.Info.SamplingFrequency, back.Info.SamplingFrequency);
        Assert.Equal(record.Info.SampleCount, back.Info.SampleCount);
        Assert.Equal(record.Info.StartDate, back.Info.StartDate);
        Assert.Equal(record.Info.StartTime, back.Info.StartTime);
        Assert.Equal(record.Info.Metadata.OrderBy(p => p.Key), back.Info.Metadata.Where(p => p.Key != ScpFormat.EncodingKey).OrderBy(p => p.Key));
        Assert.Equal(record.Info.Leads.Select(l => l.Name), back.Info.Leads.Select(l => l.Name));
        Assert.All(back.Info.Leads, l => Assert.Equal((record.Info.Leads[0].Gain, "mV", 0), (l.Gain, l.Unit, l.Baseline)));
        Assert.Equal(ScpRecords.Relative(record), back.Samples);
    }

    [Property(MaxTest = 25)]
    public void Samples_and_header_survive_every_encoding(int seed)
    {
        var rng = new Random(seed);
        var record = ScpRecords.Create(rng);
        foreach (var row in Encodings)
        {
            var (differences, huffman, spellOut) = ((int)row[0], (bool)row[1], (bool)row[2]);
            var options = new ScpWriteOptions { Differences = differences, Huffman = huffman, SpellOutTable = spellOut };
            var path = ScpRecords.Write(record, options);
            var back = RecordFiles.Read(path);
            AssertSame(record, back);
            var encoding = back.Info.Metadata[ScpFormat.EncodingKey];
            Assert.Contains(huffman ? spellOut ? "Huffman (1 table(s) in section 2)" : "Huffman (default table)" : "16-bit values", encoding);
            Assert.Contains(differences switch { 0 => "no differences", 1 => "first differences", _ => "second differences" }, encoding);
        }
    }

    [Property(MaxTest = 25)]
    public void Reference_beat_subtraction_gives_back_the_same_samples(int seed)
    {
        var rng = new Random(seed);
        var record = ScpRecords.Create(rng, magnitude: 4000);
        var count = (int)record.Info.SampleCount;
        var fiducials = Enumerable.Range(0, rng.Next(1, 20)).Select(_ => (long)rng.Next(count)).ToArray();
        var options = new ScpWriteOptions { QrsFiducials = fiducials, Differences = rng.Next(3), Huffman = rng.Next(2) == 0 };
        var back = RecordFiles.Read(ScpRecords.Write(record, options));
        AssertSame(record, back);
        Assert.Contains("reference beat subtraction", back.Info.Metadata[ScpFormat.EncodingKey]);
    }

    [Fact]
    public void The_format_is_registered_and_writes_second_differences_with_the_default_table()
    {
        var record = ScpRecords.Create(new Random(5));
        var path = Path.Combine(Einthoven.TestSupport.TestData.TempDir(), "x.scp");
        RecordFiles.Write(record, path);
        Assert.IsType<ScpFormat>(RecordFiles.Resolve(path));
        var back = RecordFiles.Read(path);
        Assert.Equal("Huffman (default table), second differences", back.Info.Metadata[ScpFormat.EncodingKey]);
        AssertSame(record, back);
    }

    [Fact]
    public void Leads_with_other_steps_or_units_are_rescaled_within_half_a_step()
    {
        var record = ScpRecords.Create(new Random(9));
        var leads = record.Info.Leads.Select((l, i) => i % 2 == 0 ? l with { Gain = 190 } : l with { Unit = "uV", Gain = 0.25 }).ToArray();
        var odd = record.WithInfo(record.Info with { Leads = leads });
        var back = RecordFiles.Read(ScpRecords.Write(odd, ScpWriteOptions.Default with { Differences = 0 }));
        var step = 1 / back.Info.Leads[0].Gain;
        for (var lead = 0; lead < leads.Length; lead++)
        {
            var scale = leads[lead].Unit == "uV" ? 1e-3 : 1;
            var (a, b) = (odd.Physical(lead), back.Physical(lead));
            for (var i = 0; i < a.Length; i++) Assert.True(Math.Abs(a[i] * scale - b[i]) <= step / 2 + 1e-12, $"lead {lead} sample {i}");
        }
    }

    [Fact]
    public void A_record_too_long_for_16_bit_byte_counts_is_refused_naming_the_length()
    {
        var record = ScpRecords.Create(new Random(3));
        var length = 70_000;
        var info = record.Info with { SampleCount = length, Leads = record.Info.Leads.Take(1).ToArray() };
        var noisy = new EcgRecord(info, [Enumerable.Range(0, length).Select(_ => Random.Shared.Next(-2000, 2000)).ToArray()]);
        var error = Assert.Throws<SignalFormatException>(() => ScpRecords.Write(noisy));
        Assert.Equal("length", error.Field);
        Assert.Contains("65535 bytes per lead", error.Reason);
    }

    [Fact]
    public void A_holter_length_record_is_refused_before_any_sample_is_read()
    {
        var info = ScpRecords.Create(new Random(4)).Info with { SampleCount = 24L * 3600 * 360 };
        var path = Path.Combine(Einthoven.TestSupport.TestData.TempDir(), "holter.scp");
        var error = Assert.Throws<SignalFormatException>(() => ScpWriter.Write(new Unreadable(info), path, ScpWriteOptions.Default));
        Assert.Equal("length", error.Field);
        Assert.False(File.Exists(path));
    }

    private sealed class Unreadable(RecordInfo info) : ISignalReader
    {
        public RecordInfo Info => info;
        public IReadOnlyList<string> Annotators => [];
        public SampleBlock Read(long start, int count) => throw new InvalidOperationException("no sample should be read");
        public IReadOnlyList<Annotation> ReadAnnotations(string annotator) => [];
        public void Dispose() { }
    }

    [Theory]
    [InlineData(2778, 360)]
    [InlineData(2000, 500)]
    [InlineData(7782, 128.5)]
    [InlineData(4000, 250)]
    [InlineData(3, 333333)]
    public void Whole_microsecond_intervals_read_as_the_rate_they_stand_for(int interval, double rate) =>
        Assert.Equal(rate, ScpFormat.Frequency(interval));
}
