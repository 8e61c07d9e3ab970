using System.Text;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Tests.Support;
using Einthoven.TestSupport;

namespace Einthoven.Signal.Tests.Csv;

public class CsvFuzzTests
{
    private static readonly string[] Lines =
        ["# fs=0", "# fs=-5", "# fs=1e400", "# unit=", "# gain=0", "# baseline=1e300", "# start=yesterday", "time [ms],I", "1,2,3,4", "",
         "99999999999999999999999", "-0", "1e-30", "NaN", "\"", "Sample Rate,abc", "#", "x;y", "\t"];

    private static byte[] ValidCsv()
    {
        var rows = Enumerable.Range(0, 300).Select(i => $"{i / 250.0:0.###},{Math.Sin(i / 10.0):0.####},{i % 17 - 8}");
        return Encoding.UTF8.GetBytes("# sampling_rate=250; unit=mV\n## a comment\ntime,II [mV],V1 [uV]\n" + string.Join("\n", rows) + "\n");
    }

    private static byte[] ReplaceLine(Random rng, byte[] valid)
    {
        var lines = Encoding.UTF8.GetString(valid).Split('\n').ToList();
        var at = rng.Next(lines.Count);
        if (rng.Next(3) == 0) lines.Insert(at, Lines[rng.Next(Lines.Length)]);
        else if (rng.Next(2) == 0) lines[at] = Lines[rng.Next(Lines.Length)];
        else lines.RemoveAt(at);
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    [Fact]
    public void Thousands_of_mutated_csv_files_read_or_fail_with_a_format_error()
    {
        var (read, refused) = Fuzz.Run(ValidCsv(), Path.Combine(TestData.TempDir(), "m.csv"), 2000, seed: 3, ReplaceLine);
        Assert.True(read > 100 && refused > 100, $"read {read}, refused {refused}: the mutations should produce both");
    }

    [Fact]
    public void Thousands_of_mutated_apple_health_exports_read_or_fail_with_a_format_error()
    {
        var valid = Encoding.UTF8.GetBytes(AppleHealthFixture.Text(AppleHealthFixture.Waveform(1)));
        var (read, refused) = Fuzz.Run(valid, Path.Combine(TestData.TempDir(), "m.csv"), 1000, seed: 4, ReplaceLine);
        Assert.True(read > 100 && refused > 20, $"read {read}, refused {refused}: the mutations should produce both");
    }

    [Fact]
    public void Mutants_with_options_read_or_fail_with_a_format_error()
    {
        var valid = Encoding.UTF8.GetBytes("1,2\n3,4\n5,6\n7,8\n");
        var options = new FormatOptions { SamplingFrequency = 100, Unit = "mV" };
        var (read, refused) = Fuzz.Run(valid, Path.Combine(TestData.TempDir(), "m.csv"), 1000, seed: 5, ReplaceLine, options);
        Assert.True(read > 50 && refused > 50, $"read {read}, refused {refused}: the mutations should produce both");
    }
}
