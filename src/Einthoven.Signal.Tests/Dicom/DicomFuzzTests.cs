using System.Buffers.Binary;
using System.Text;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Dicom;
using Einthoven.Signal.Records;
using Einthoven.Signal.Tests.Support;
using Einthoven.TestSupport;

namespace Einthoven.Signal.Tests.Dicom;

public class DicomFuzzTests
{
    private static readonly string[] Vrs = ["UL", "US", "SQ", "OW", "OB", "DS", "CS", "SH", "LO", "UI", "ST", "LT", "IS", "DA", "TM", "DT", "PN", "AS"];
    private static readonly uint[] AbsurdLengths = [0, 1, 3, 0xFFFF, 0xFFFE, 0xFFFFFFFF, 0xFFFFFFFE, 0x7FFFFFFF, 0x80000000, 1 << 20, (1 << 20) + 1];

    /// <summary>A small 12-lead file split in two groups (so sequences of both lengths and two waveform data elements) with annotations.</summary>
    private static byte[] ValidSplit()
    {
        var record = DicomRecords.Synthetic(DicomRecords.TwelveLeads, 1000, TimeSpan.FromSeconds(17));
        return DicomWaveformFile.ToBytes(record);
    }

    private static byte[] ValidAmbulatory()
    {
        var record = RandomRecords.Create(new Random(5), fractions: true);
        return DicomWaveformFile.ToBytes(record.WithInfo(record.Info with { SamplingFrequency = 128.5 }));
    }

    /// <summary>Changes a value representation, or puts an absurd length after one.</summary>
    private static byte[] VrOrLength(Random rng, byte[] valid)
    {
        var bytes = (byte[])valid.Clone();
        var limit = Math.Min(bytes.Length - 8, 40_000);
        int at;
        do at = rng.Next(132, limit);
        while (!Vrs.Contains(Encoding.ASCII.GetString(bytes, at, 2)) && rng.Next(200) > 0);
        switch (rng.Next(3))
        {
            case 0:
                bytes[at] = (byte)rng.Next('A', 'Z' + 1);
                bytes[at + 1] = (byte)rng.Next('A', 'Z' + 1);
                break;
            case 1:
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at + 2), (ushort)AbsurdLengths[rng.Next(AbsurdLengths.Length)]);
                break;
            default:
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 4), AbsurdLengths[rng.Next(AbsurdLengths.Length)]);
                break;
        }
        return bytes;
    }

    [Fact]
    public void Thousands_of_mutated_split_12_lead_files_read_or_fail_with_a_format_error()
    {
        var (read, refused) = Fuzz.Run(ValidSplit(), Path.Combine(TestData.TempDir(), "m.dcm"), 2500, seed: 1, VrOrLength);
        Assert.True(read > 100 && refused > 100, $"read {read}, refused {refused}: the mutations should produce both");
    }

    [Fact]
    public void Thousands_of_mutated_ambulatory_files_read_or_fail_with_a_format_error()
    {
        var (read, refused) = Fuzz.Run(ValidAmbulatory(), Path.Combine(TestData.TempDir(), "m.dcm"), 2500, seed: 2, VrOrLength,
            new FormatOptions { Limits = new RecordLimits() });
        Assert.True(read > 100 && refused > 100, $"read {read}, refused {refused}: the mutations should produce both");
    }

    [Fact]
    public void A_length_beyond_the_file_is_refused_naming_the_element()
    {
        var bytes = ValidAmbulatory();
        // The waveform data's 4-byte length, after "OW" and two reserved bytes.
        var ow = Encoding.ASCII.GetString(bytes).LastIndexOf("OW\0\0", StringComparison.Ordinal);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(ow + 4), 0x7FFFFFF0);
        var path = Path.Combine(TestData.TempDir(), "long.dcm");
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<SignalFormatException>(() => RecordFiles.Open(path));
        Assert.Contains("(5400,1010)", error.Field);
        Assert.Contains("claims 2,147,483,632 bytes", error.Reason);
    }

    [Theory]
    [InlineData(0, "prefix")]
    [InlineData(1, "(0002,0010)")]
    public void Not_dicom_and_unsupported_transfer_syntaxes_are_refused_with_the_reason(int kind, string field)
    {
        var bytes = ValidAmbulatory();
        if (kind == 0) bytes[129] = (byte)'X';
        else
        {
            var at = Encoding.ASCII.GetString(bytes).IndexOf(DicomTags.ExplicitLittleEndian, StringComparison.Ordinal);
            Encoding.ASCII.GetBytes("1.2.840.10008.1.2.2").CopyTo(bytes, at); // explicit big endian, same length
        }
        var path = Path.Combine(TestData.TempDir(), "bad.dcm");
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<SignalFormatException>(() => RecordFiles.Open(path));
        Assert.Contains(field, error.Field);
    }

    [Fact]
    public void Deeply_nested_sequences_are_refused()
    {
        using var body = new MemoryStream();
        body.Write(new byte[128]);
        body.Write("DICM"u8);
        var meta = new DicomOutput(body);
        meta.Text(DicomTags.TransferSyntax, "UI", DicomTags.ExplicitLittleEndian);
        var o = new DicomOutput(body);
        for (var i = 0; i < 40; i++)
        {
            o.BeginUndefinedSequence(DicomTags.WaveformSequence);
            o.BeginUndefinedItem();
        }
        var path = Path.Combine(TestData.TempDir(), "deep.dcm");
        File.WriteAllBytes(path, body.ToArray());
        var error = Assert.Throws<SignalFormatException>(() => RecordFiles.Open(path));
        Assert.Contains("nested more than", error.Reason);
    }
}
