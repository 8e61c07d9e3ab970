using System.Text;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Edf;
using Einthoven.Signal.Records;
using Einthoven.Signal.Tests.Support;
using Einthoven.TestSupport;

namespace Einthoven.Signal.Tests.Edf;

public class EdfFuzzTests
{
    // Offsets and widths of the numeric fields of the fixed header.
    private static readonly (int Offset, int Width, string Field)[] NumericFields =
    [
        (184, 8, "number of bytes in header record"), (236, 8, "number of data records"),
        (244, 8, "duration of a data record"), (252, 4, "number of signals"),
    ];

    private static readonly string[] Absurd = ["99999999", "-1", "-99999", "0", "abc", "1e300", "-0.0001", "NaN", "", "9999", "1E-28", "+-1"];

    private static byte[] ValidEdfPlus()
    {
        var record = RandomRecords.Create(new Random(11));
        var small = new EcgRecord(record.Info with { SampleCount = 600, SamplingFrequency = 100 },
            record.Samples.Select(s => Enumerable.Range(0, 600).Select(i => s[i % s.Length]).ToArray()).ToArray(),
            new Dictionary<string, IReadOnlyList<Annotation>> { ["edf"] = [new(50, 1), new(120, 22, Aux: "note [duration=1.5s]"), new(480, 28, Aux: "(AFIB")] });
        var path = Path.Combine(TestData.TempDir(), "v.edf");
        RecordFiles.Write(small, path);
        return File.ReadAllBytes(path);
    }

    private static byte[] ValidDiscontinuous()
    {
        var header = new EdfHeader
        {
            Reserved = "EDF+D", RecordCount = 4, RecordDuration = 0.5m,
            Signals = [EdfFiles.Signal("I", 50), EdfFiles.Signal("II", 50), EdfFiles.Annotations(16)],
        };
        var path = EdfFiles.Write(Path.Combine(TestData.TempDir(), "d.edf"), header, (r, s, i) => (short)(r * 100 + s * 10 + i),
            r => EdfFiles.Tal($"+{r * 2}\u0014\u0014\0+{r * 2}.1\u0014N\u0014\0"));
        return File.ReadAllBytes(path);
    }

    private static byte[] OverwriteField(Random rng, byte[] valid)
    {
        var bytes = (byte[])valid.Clone();
        var signals = int.Parse(Encoding.ASCII.GetString(bytes, 252, 4).Trim());
        // Either a fixed numeric field or one of the per-signal numeric fields (physical/digital ranges, samples).
        int offset, width = 8;
        if (rng.Next(2) == 0)
            (offset, width, _) = NumericFields[rng.Next(NumericFields.Length)];
        else
        {
            var column = new[] { 104, 112, 120, 128, 216 }[rng.Next(5)];
            offset = 256 + signals * column + 8 * rng.Next(signals);
        }
        var text = Absurd[rng.Next(Absurd.Length)];
        Encoding.ASCII.GetBytes((text.Length > width ? text[..width] : text).PadRight(width)).CopyTo(bytes, offset);
        return bytes;
    }

    private static readonly string[] AbsurdOnsets = ["+99999999999999999999", "-99999999999", "+1e5", "+.", "+0.0000000000000000000001", "++1", "+86400000", "-0"];

    /// <summary>Changes the size, or puts an absurd onset where a data record's annotations start.</summary>
    private static byte[] ResizeOrOnset(Random rng, byte[] valid)
    {
        if (rng.Next(2) == 0)
            return rng.Next(2) == 0 ? [.. valid, .. new byte[rng.Next(1, 9)]] : valid[..^rng.Next(1, 9)];
        var bytes = (byte[])valid.Clone();
        var tals = Enumerable.Range(0, bytes.Length - 1).Where(i => bytes[i] == '+' && bytes[i + 1] is >= (byte)'0' and <= (byte)'9').ToArray();
        var at = tals[rng.Next(tals.Length)];
        var onset = Encoding.ASCII.GetBytes(AbsurdOnsets[rng.Next(AbsurdOnsets.Length)]);
        Array.Copy(onset, 0, bytes, at, Math.Min(onset.Length, bytes.Length - at));
        return bytes;
    }

    [Fact]
    public void Thousands_of_mutated_edf_plus_files_read_or_fail_with_a_format_error()
    {
        var (read, refused) = Fuzz.Run(ValidEdfPlus(), Path.Combine(TestData.TempDir(), "m.edf"), 2500, seed: 1, (rng, v) => rng.Next(2) == 0 ? OverwriteField(rng, v) : ResizeOrOnset(rng, v));
        Assert.True(read > 100 && refused > 100, $"read {read}, refused {refused}: the mutations should produce both");
    }

    [Fact]
    public void Thousands_of_mutated_edf_plus_d_files_read_or_fail_with_a_format_error()
    {
        var (read, refused) = Fuzz.Run(ValidDiscontinuous(), Path.Combine(TestData.TempDir(), "m.edf"), 1500, seed: 2, ResizeOrOnset);
        Assert.True(read > 50 && refused > 50, $"read {read}, refused {refused}: the mutations should produce both");
    }

    [Theory]
    [InlineData(252, 4, "9999", "number of signals")]
    [InlineData(252, 4, "-3", "number of signals")]
    [InlineData(236, 8, "-7", "number of data records")]
    [InlineData(236, 8, "99999999", "number of data records")]
    [InlineData(236, 8, "many", "number of data records")]
    [InlineData(244, 8, "1 second", "duration of a data record")]
    [InlineData(184, 8, "257", "number of bytes in header record")]
    [InlineData(0, 8, "1", "version")]
    public void Absurd_header_numbers_are_refused_naming_the_field(int offset, int width, string value, string field)
    {
        var bytes = ValidEdfPlus();
        Encoding.ASCII.GetBytes(value.PadRight(width)).CopyTo(bytes, offset);
        var path = Path.Combine(TestData.TempDir(), "bad.edf");
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<SignalFormatException>(() => RecordFiles.Open(path));
        Assert.Equal((path, field), (error.File, error.Field));
    }

    [Fact]
    public void Per_signal_ranges_are_checked_naming_the_signal()
    {
        var bytes = ValidEdfPlus();
        var signals = int.Parse(Encoding.ASCII.GetString(bytes, 252, 4).Trim());
        // digital minimum of the first signal above its maximum
        Encoding.ASCII.GetBytes("32767   ").CopyTo(bytes, 256 + signals * 120);
        var path = Path.Combine(TestData.TempDir(), "bad.edf");
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<SignalFormatException>(() => RecordFiles.Open(path));
        Assert.StartsWith("signal 1 'L0' digital range", error.Field);
    }

    [Fact]
    public void A_truncated_file_is_refused_before_reading_samples()
    {
        var bytes = ValidEdfPlus();
        var path = Path.Combine(TestData.TempDir(), "cut.edf");
        File.WriteAllBytes(path, bytes[..^3]);
        var error = Assert.Throws<SignalFormatException>(() => RecordFiles.Open(path));
        Assert.Equal("number of data records", error.Field);
        Assert.Contains("the file has", error.Reason);
    }
}
