using System.Diagnostics;
using System.Globalization;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Scp;
using Einthoven.Signal.Records;
using Einthoven.Signal.Tests.Support;
using Einthoven.TestSupport;

namespace Einthoven.Signal.Tests.Scp;

/// <summary>Cross-checks against biosig (Debian biosig-tools), an SCP-ECG implementation nobody here wrote.</summary>
public class ScpBiosigTests
{
    /// <summary>The first ten seconds of MIT-BIH 100 (5 µV steps) and a PTB-XL 12-lead record (1 µV steps).</summary>
    public static TheoryData<string> Sources => new() { "mitdb/100", "ptbxl/00001_lr" };

    private static EcgRecord Source(string name)
    {
        var path = name == "mitdb/100" ? TestData.MitDbRecord("100") : Path.Combine(TestData.PtbXl, "records100", "00000", "00001_lr");
        using var reader = RecordFiles.Open(path);
        return RecordFiles.ReadAll(new RecordSlice(reader, 0, (long)(10 * reader.Info.SamplingFrequency)));
    }

    private static IEnumerable<ScpWriteOptions> Encodings()
    {
        yield return ScpWriteOptions.Default;
        yield return new ScpWriteOptions { Differences = 0, Huffman = false };
        yield return new ScpWriteOptions { Differences = 1, Huffman = true };
        // Not compared: a spelled-out default table (biosig 2.5.0 decodes it 0.7 mV off) and reference-beat
        // subtraction (biosig 2.5.0 gives the residual without the beat added back, exactly minus the beat).
    }

    [BiosigTheory]
    [MemberData(nameof(Sources))]
    public void Scp_written_here_reads_in_biosig_as_the_original_within_one_step(string source)
    {
        var original = Source(source);
        foreach (var options in Encodings())
        {
            var path = ScpRecords.Write(original, options, "b.scp");
            var ascii = Path.Combine(TestData.TempDir(), "out.asc");
            Biosig.Run("-f=ASCII", path, ascii);
            for (var lead = 0; lead < original.Info.Leads.Count; lead++)
            {
                // biosig writes one value per line in µV, lead n to .a0n / .a1n.
                var biosig = File.ReadLines(Path.ChangeExtension(ascii, $".a{lead + 1:00}"))
                    .Select(l => double.Parse(l, CultureInfo.InvariantCulture) / 1000).ToArray();
                var expected = original.Physical(lead);
                Assert.Equal(expected.Length, biosig.Length);
                var step = 1 / original.Info.Leads[lead].Gain;
                var worst = expected.Zip(biosig, (e, b) => Math.Abs(e - b)).Max();
                Assert.True(worst <= step, $"{source} lead {lead} with {options}: worst difference {worst} mV, one step is {step} mV");
            }
        }
    }

    [BiosigFact]
    public void Biosig_reads_the_header_written_here()
    {
        var original = Source("ptbxl/00001_lr");
        var record = original.WithInfo(original.Info with
        {
            StartDate = new DateOnly(2026, 11, 22), StartTime = new TimeOnly(10, 30, 15),
            Metadata = new Dictionary<string, string> { [MetadataKeys.PatientId] = "MCH-0234567", [MetadataKeys.Sex] = "F" },
        });
        var json = Biosig.Run("-JSON", ScpRecords.Write(record));
        using var doc = System.Text.Json.JsonDocument.Parse(json[json.IndexOf('{')..]);
        var root = doc.RootElement;
        Assert.Equal("SCP", root.GetProperty("TYPE").GetString());
        Assert.Equal(100, root.GetProperty("Samplingrate").GetDouble(), 6);
        Assert.Equal(1000, root.GetProperty("NumberOfSamples").GetInt64());
        Assert.StartsWith("2026-11-22 10:30:1", root.GetProperty("StartOfRecording").GetString());
        Assert.Equal("MCH-0234567", root.GetProperty("Patient").GetProperty("Id").GetString());
        Assert.Equal("Female", root.GetProperty("Patient").GetProperty("Gender").GetString());
        Assert.Equal(["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"],
            root.GetProperty("CHANNEL").EnumerateArray().Select(c => c.GetProperty("Label").GetString()));
    }

    /// <summary>
    /// biosig's own SCP writer (save2scp, biosig-tools 2.5.0) writes 16-bit values without differences or Huffman
    /// coding, and its section lengths do not match what it writes (the section CRCs fail; it aborts on WFDB input).
    /// Whatever it writes, the reader either gives the original values within one step or refuses the file naming
    /// the section at fault.
    /// </summary>
    [Save2ScpFact]
    public void Scp_written_by_save2scp_reads_as_the_original_or_is_refused_naming_the_section()
    {
        var edf = Path.Combine(TestData.TempDir(), "p.edf");
        Biosig.Run("-f=EDF", Path.Combine(TestData.PtbXl, "records100", "00000", "00001_lr.hea"), edf);
        var scp = Path.Combine(TestData.TempDir(), "p.scp");
        var start = new ProcessStartInfo("save2scp") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(edf);
        start.ArgumentList.Add(scp);
        using (var process = Process.Start(start)!)
        {
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            Assert.True(process.WaitForExit(60_000));
        }
        Assert.True(File.Exists(scp) && new FileInfo(scp).Length > 0, "save2scp wrote nothing");
        var original = RecordFiles.Read(edf);
        try
        {
            var read = RecordFiles.Read(scp);
            Assert.Equal(original.Info.SampleCount, read.Info.SampleCount);
            for (var lead = 0; lead < original.Info.Leads.Count; lead++)
            {
                var step = 1 / read.Info.Leads[lead].Gain;
                Assert.All(original.Physical(lead).Zip(read.Physical(lead)), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, step));
            }
        }
        catch (SignalFormatException e)
        {
            Assert.Equal(scp, e.File);
            Assert.StartsWith("section ", e.Field);
        }
    }
}

/// <summary>A theory skipped, with the reason, where save2gdf is not installed (CI installs biosig-tools).</summary>
public sealed class BiosigTheoryAttribute : TheoryAttribute
{
    public BiosigTheoryAttribute()
    {
        if (!Biosig.Available) Skip = Biosig.Missing;
    }
}

/// <summary>A fact skipped where biosig-tools' save2scp (and save2gdf) are not installed.</summary>
public sealed class Save2ScpFactAttribute : FactAttribute
{
    public Save2ScpFactAttribute()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator);
        if (!Biosig.Available || !path.Any(dir => File.Exists(Path.Combine(dir, "save2scp"))))
            Skip = "save2scp (Debian package biosig-tools) is not on PATH; install it with apt-get install biosig-tools";
    }
}
