using System.Globalization;
using System.Text.Json;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;
using Einthoven.Signal.Tests.Support;
using Einthoven.TestSupport;

namespace Einthoven.Signal.Tests.Aecg;

/// <summary>Cross-checks against biosig's save2aecg / save2gdf, an independent aECG implementation.</summary>
public class AecgBiosigTests
{
    [AecgBiosigFact]
    public void Aecg_written_by_biosig_reads_as_the_original_mitdb_signal_within_one_step()
    {
        foreach (var name in new[] { "100", "208", "232" })
        {
            var xml = Path.Combine(TestData.TempDir(), name + ".xml");
            Biosig.RunTool("save2aecg", TestData.MitDbRecord(name) + ".hea", xml);
            var original = RecordFiles.Read(TestData.MitDbRecord(name));
            var converted = RecordFiles.Read(xml);

            // biosig prints the increment as 0.00277778 s; the reader knows that is 360 Hz.
            Biosig.AssertSameSignalWithinOneStep(original, converted, name);
        }
    }

    [BiosigFact]
    public void Aecg_written_here_is_read_by_biosig_with_the_same_rate_leads_patient_and_values()
    {
        var original = RecordFiles.Read(TestData.MitDbRecord("100"));
        var info = original.Info with
        {
            StartDate = new DateOnly(2026, 11, 22), StartTime = new TimeOnly(10, 30, 15),
            Metadata = new Dictionary<string, string> { [MetadataKeys.PatientId] = "MCH-0234567", [MetadataKeys.Sex] = "F" },
        };
        var record = new EcgRecord(info, original.Samples, original.Annotations);
        var xml = Path.Combine(TestData.TempDir(), "100.xml");
        RecordFiles.Write(record, xml);

        var json = Biosig.Run("-JSON", xml);
        using var doc = JsonDocument.Parse(json[json.IndexOf('{')..]);
        var root = doc.RootElement;
        Assert.Equal(360, root.GetProperty("Samplingrate").GetDouble(), 6);
        Assert.Equal(650000, root.GetProperty("NumberOfSamples").GetInt64());
        var start = DateTime.Parse(root.GetProperty("StartOfRecording").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange((start - new DateTime(2026, 11, 22, 10, 30, 15)).TotalMilliseconds, -1, 1);
        Assert.Equal("MCH-0234567", root.GetProperty("Patient").GetProperty("Id").GetString());
        Assert.Equal("Female", root.GetProperty("Patient").GetProperty("Gender").GetString());
        var channels = root.GetProperty("CHANNEL").EnumerateArray().ToArray();
        Assert.Equal(["MLII", "V5"], channels.Select(c => c.GetProperty("Label").GetString()));
        foreach (var channel in channels)
        {
            Assert.Equal("mV", channel.GetProperty("PhysicalUnit").GetString());
            Assert.Equal(0.005, channel.GetProperty("scaling").GetDouble(), 12);
            Assert.Equal(-5.12, channel.GetProperty("offset").GetDouble(), 12);
        }

        // biosig's own decode of the samples (ASCII export, one physical value per line).
        var ascii = Path.Combine(TestData.TempDir(), "out.asc");
        Biosig.Run("-f=ASCII", xml, ascii);
        for (var lead = 0; lead < 2; lead++)
        {
            var biosigValues = File.ReadLines(Path.ChangeExtension(ascii, $".a0{lead + 1}"))
                .Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();
            var expected = original.Physical(lead);
            Assert.Equal(expected.Length, biosigValues.Length);
            for (var i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(expected[i] - biosigValues[i]) <= 1e-6 * (1 + Math.Abs(expected[i])), $"lead {lead} sample {i}");
        }
    }
}
