using System.Text.Json;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Edf;
using Einthoven.Signal.Records;
using Einthoven.Signal.Tests.Support;
using Einthoven.TestSupport;

namespace Einthoven.Signal.Tests.Edf;

/// <summary>Cross-checks against biosig's save2gdf, an independent EDF implementation.</summary>
public class EdfBiosigTests
{
    private static EcgRecord Reference(string name) => RecordFiles.Read(TestData.MitDbRecord(name));

    [BiosigFact]
    public void Edf_written_by_biosig_reads_as_the_original_mitdb_signal_within_one_step()
    {
        foreach (var name in new[] { "100", "208", "232" })
        {
            var edf = Path.Combine(TestData.TempDir(), name + ".edf");
            Biosig.Run("-f=EDF", TestData.MitDbRecord(name) + ".hea", edf);
            var original = Reference(name);
            var converted = RecordFiles.Read(edf);

            Biosig.AssertSameSignalWithinOneStep(original, converted, name);
        }
    }

    [BiosigFact]
    public void Edf_written_here_is_read_by_biosig_with_the_same_header()
    {
        var original = Reference("100");
        var info = original.Info with
        {
            StartDate = new DateOnly(2026, 11, 22), StartTime = new TimeOnly(10, 30, 15),
            Metadata = new Dictionary<string, string> { [MetadataKeys.PatientId] = "MCH-0234567", [MetadataKeys.Sex] = "F" },
        };
        var beats = original.Annotations["atr"].Append(new Annotation(1000, AnnotationCodes.Note, Aux: "electrode moved")).OrderBy(a => a.Sample).ToArray();
        var record = new EcgRecord(info, original.Samples, new Dictionary<string, IReadOnlyList<Annotation>> { ["atr"] = beats });
        var edf = Path.Combine(TestData.TempDir(), "100.edf");
        RecordFiles.Write(record, edf);

        var json = Biosig.Run("-JSON", edf);
        using var doc = JsonDocument.Parse(json[json.IndexOf('{')..]);
        var root = doc.RootElement;
        var ours = RecordFiles.Read(edf);
        Assert.Equal(360, root.GetProperty("Samplingrate").GetDouble(), 6);
        // EDF holds whole one-second data records: biosig sees the padded last record, Einthoven the stated length.
        Assert.Equal(650000, ours.Info.SampleCount);
        Assert.Equal(1806 * 360, root.GetProperty("NumberOfSamples").GetInt64());
        var start = DateTime.Parse(root.GetProperty("StartOfRecording").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange((start - new DateTime(2026, 11, 22, 10, 30, 15)).TotalMilliseconds, -1, 1);
        Assert.Equal("MCH-0234567", root.GetProperty("Patient").GetProperty("Id").GetString());
        Assert.Equal("Female", root.GetProperty("Patient").GetProperty("Gender").GetString());

        var channels = root.GetProperty("CHANNEL").EnumerateArray().ToArray();
        for (var lead = 0; lead < 2; lead++)
        {
            var channel = channels[lead];
            var leadInfo = ours.Info.Leads[lead];
            Assert.Equal(leadInfo.Name, channel.GetProperty("Label").GetString());
            Assert.Equal("mV", channel.GetProperty("PhysicalUnit").GetString());
            var (pmin, pmax) = (channel.GetProperty("PhysicalMinimum").GetDouble(), channel.GetProperty("PhysicalMaximum").GetDouble());
            var (dmin, dmax) = (channel.GetProperty("DigitalMinimum").GetDouble(), channel.GetProperty("DigitalMaximum").GetDouble());
            Assert.Equal(leadInfo.Gain, (dmax - dmin) / (pmax - pmin), 9);
            Assert.Equal(leadInfo.ToPhysical((int)dmax), pmax, 9);
        }

        // biosig's own decode of the samples (ASCII export, one physical value per line, 6 significant digits).
        var ascii = Path.Combine(TestData.TempDir(), "out.asc");
        Biosig.Run("-f=ASCII", edf, ascii);
        var biosigValues = File.ReadLines(Path.ChangeExtension(ascii, ".a01")).Take(650000)
            .Select(l => double.Parse(l, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var expectedValues = original.Physical(0);
        Assert.Equal(expectedValues.Length, biosigValues.Length);
        for (var i = 0; i < expectedValues.Length; i++)
            Assert.True(Math.Abs(expectedValues[i] - biosigValues[i]) <= 1e-6 * (1 + Math.Abs(expectedValues[i])), $"sample {i}");

        var events = root.GetProperty("EVENT").EnumerateArray().ToArray();
        var texts = beats.Select(b => EdfAnnotationText.Write(b).Text);
        Assert.Contains("(N", texts);
        Assert.Equal(texts, events.Select(e => e.GetProperty("Description").GetString()));
        Assert.Equal(beats.Select(b => b.Sample / 360.0), events.Select(e => e.GetProperty("POS").GetDouble()), (a, b) => Math.Abs(a - b) < 1e-5);
    }
}
