using System.Text.Json;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;

namespace Einthoven.Cli.Tests;

public class AecgCommandsTests
{
    [Fact]
    public void Convert_to_aecg_and_back_keeps_samples_and_beats_and_info_shows_the_annotation_sets_and_authors()
    {
        var dir = TestData.TempDir();
        var xml = Path.Combine(dir, "100.xml");
        var (code, _, error) = CliHarness.Run("convert", TestData.MitDbRecord("100"), xml);
        Assert.True(code == 0, error);

        (code, var output, error) = CliHarness.Run("info", xml, "--json");
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(360, root.GetProperty("SamplingFrequency").GetDouble());
        Assert.Equal(["MLII", "V5"], root.GetProperty("Leads").EnumerateArray().Select(l => l.GetProperty("Name").GetString()));
        Assert.Equal(2239, root.GetProperty("AnnotationCounts").GetProperty("aecg-physician").GetProperty("N").GetInt32());
        Assert.Equal("Person", root.GetProperty("AnnotationAuthors").GetProperty("aecg-physician").GetProperty("Kind").GetString());

        (code, output, _) = CliHarness.Run("info", xml);
        Assert.Equal(0, code);
        // The title wraps in a narrow table: look for its parts.
        Assert.Contains("'aecg-physician'", output);
        Assert.Contains("(2274) by person", output);

        var back = Path.Combine(dir, "back.hea");
        (code, _, error) = CliHarness.Run("convert", xml, back);
        Assert.True(code == 0, error);
        var original = RecordFiles.Read(TestData.MitDbRecord("100"));
        var copy = RecordFiles.Read(back);
        for (var lead = 0; lead < 2; lead++) Assert.True(original.Samples[lead].AsSpan().SequenceEqual(copy.Samples[lead]));
        Assert.Equal(original.Annotations["atr"].Select(a => (a.Sample, a.Code)), copy.Annotations["aecg-physician"].Select(a => (a.Sample, a.Code)));
    }
}
