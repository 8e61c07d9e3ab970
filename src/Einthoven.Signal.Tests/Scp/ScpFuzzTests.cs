using System.Buffers.Binary;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Scp;
using Einthoven.Signal.Records;
using Einthoven.Signal.Tests.Support;
using Einthoven.TestSupport;

namespace Einthoven.Signal.Tests.Scp;

public class ScpFuzzTests
{
    private static byte[] Valid(ScpWriteOptions options)
    {
        var record = ScpRecords.Create(new Random(21));
        var small = new EcgRecord(record.Info with { SampleCount = 600, Leads = record.Info.Leads.Take(3).ToArray() },
            record.Samples.Take(3).Select(s => Enumerable.Range(0, 600).Select(i => s[i % s.Length]).ToArray()).ToArray());
        return File.ReadAllBytes(ScpRecords.Write(small, options));
    }

    /// <summary>Recomputes every section CRC and the file CRC, so that mutations reach the parsers behind them.</summary>
    private static byte[] Reseal(byte[] bytes)
    {
        if (bytes.Length < 6 + 16 + 120) return bytes;
        for (var i = 0; i < 12; i++)
        {
            var at = 22 + i * 10;
            var length = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 2));
            var index = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 6));
            if (length < 16 || index < 1 || index - 1 + length > bytes.Length) continue;
            var section = bytes.AsSpan((int)index - 1, (int)length);
            BinaryPrimitives.WriteUInt16LittleEndian(section, ScpCrc.Compute(section[2..]));
        }
        var s0 = bytes.AsSpan(6, 16 + 120);
        BinaryPrimitives.WriteUInt16LittleEndian(s0, ScpCrc.Compute(s0[2..]));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(2), (uint)bytes.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, ScpCrc.Compute(bytes.AsSpan(2)));
        return bytes;
    }

    /// <summary>A few random bytes changed after the section headers, then every CRC made right again.</summary>
    private static byte[] MutateAndReseal(Random rng, byte[] valid)
    {
        var bytes = (byte[])valid.Clone();
        for (var n = rng.Next(1, 4); n > 0; n--)
        {
            var at = rng.Next(6, bytes.Length);
            bytes[at] = rng.Next(3) switch { 0 => (byte)(bytes[at] ^ (1 << rng.Next(8))), 1 => 0xFF, _ => (byte)rng.Next(256) };
        }
        return Reseal(bytes);
    }

    public static TheoryData<int, bool, bool> Encodings => new()
    {
        { 0, false, false }, { 2, true, false }, { 1, true, true }, { 2, true, true },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Thousands_of_mutated_files_read_or_fail_with_a_format_error(int differences, bool huffman, bool referenceBeat)
    {
        var options = new ScpWriteOptions
        {
            Differences = differences, Huffman = huffman, QrsFiducials = referenceBeat ? [100, 300, 500] : null, BeatBeforeMs = 40, BeatAfterMs = 60,
        };
        var (read, refused) = Fuzz.Run(Valid(options), Path.Combine(TestData.TempDir(), "m.scp"), 1500, seed: differences * 10 + (huffman ? 1 : 0),
            MutateAndReseal);
        Assert.True(read > 50 && refused > 200, $"read {read}, refused {refused}: the mutations should produce both");
    }

    [Theory]
    [InlineData(0, "file CRC")]
    [InlineData(30, "file CRC")]
    public void A_changed_byte_is_caught_by_the_file_crc(int offset, string field)
    {
        var bytes = Valid(ScpWriteOptions.Default);
        bytes[offset] ^= 0x10;
        var error = ReadFails(bytes);
        Assert.Equal(field, error.Field);
        Assert.Contains("damaged", error.Reason);
    }

    [Fact]
    public void A_changed_byte_with_the_file_crc_made_right_is_caught_by_the_section_crc()
    {
        var bytes = Valid(ScpWriteOptions.Default);
        bytes[^3] ^= 0x10; // in section 6, the last section
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, ScpCrc.Compute(bytes.AsSpan(2)));
        Assert.Equal("section 6 CRC", ReadFails(bytes).Field);
    }

    [Fact]
    public void A_lead_count_beyond_the_section_is_refused_naming_it()
    {
        var bytes = Valid(new ScpWriteOptions { Huffman = false });
        var s3 = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(22 + 3 * 10 + 6)) - 1;
        bytes[s3 + 16] = 200;
        var error = ReadFails(Reseal(bytes));
        Assert.Equal("section 3 number of leads", error.Field);
    }

    [Fact]
    public void Lead_byte_counts_beyond_the_section_are_refused_naming_them()
    {
        var bytes = Valid(ScpWriteOptions.Default);
        var s6 = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(22 + 6 * 10 + 6)) - 1;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(s6 + 16 + 6), 60000);
        Assert.Equal("section 6 lead byte counts", ReadFails(Reseal(bytes)).Field);
    }

    [Fact]
    public void A_truncated_file_is_refused_naming_the_file_length()
    {
        var bytes = Valid(ScpWriteOptions.Default);
        Assert.Equal("file length", ReadFails(bytes[..^10]).Field);
    }

    [Fact]
    public void Limits_refuse_a_record_before_its_samples_are_decoded()
    {
        var path = Path.Combine(TestData.TempDir(), "l.scp");
        File.WriteAllBytes(path, Valid(ScpWriteOptions.Default));
        var error = Assert.Throws<SignalFormatException>(() => RecordFiles.Open(path, options: new FormatOptions { Limits = new RecordLimits { MaxLeads = 2 } }));
        Assert.Equal(SignalProblem.TooLarge, error.Problem);
    }

    private static SignalFormatException ReadFails(byte[] bytes)
    {
        var path = Path.Combine(TestData.TempDir(), "bad.scp");
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<SignalFormatException>(() => RecordFiles.Read(path));
        Assert.Equal(path, error.File);
        return error;
    }
}
