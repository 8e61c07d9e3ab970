using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Wfdb;
using Einthoven.Signal.Records;
using Einthoven.TestSupport;

namespace Einthoven.Signal.Tests.Wfdb;

/// <summary>
/// Thousands of damaged copies of real headers, signal files and annotation files: each must read cleanly or fail
/// with a <see cref="SignalFormatException"/>, never with another exception, a hang or a huge allocation.
/// </summary>
public class FuzzTests
{
    private static readonly string[] RealHeaders =
    [
        Path.Combine(TestData.MitDb, "100.hea"),
        Path.Combine(TestData.MitDb, "232.hea"),
        Path.Combine(TestData.Cinc2017, "A00001.hea"),
        Path.Combine(TestData.PtbXl, "records100", "00000", "00001_lr.hea"),
    ];

    private static void ExpectReadOrFormatError(int iteration, string what, Action action)
    {
        try
        {
            action();
        }
        catch (SignalFormatException)
        {
        }
        catch (Exception e)
        {
            Assert.Fail($"iteration {iteration} ({what}) threw {e.GetType().Name}: {e}");
        }
    }

    /// <summary>Opens a record and reads all of it, or its first 100,000 samples when longer.</summary>
    private static void ReadRecord(string path)
    {
        using var reader = RecordFiles.Open(path);
        reader.Read(0, (int)Math.Min(reader.Info.SampleCount, 100_000));
        reader.Read(Math.Max(0, reader.Info.SampleCount - 7), 5);
        foreach (var annotator in reader.Annotators) reader.ReadAnnotations(annotator);
    }

    [Fact]
    public void DamagedHeadersParseOrFailCleanly()
    {
        var texts = RealHeaders.Select(File.ReadAllText).Append("ms/3 2 125 700 08:00:00\nms_0 0\nms_1 400\n~ 300\n").ToArray();
        var mutator = new Mutator(2026);
        for (var i = 0; i < 4000; i++)
        {
            var text = mutator.Text(texts[i % texts.Length]);
            ExpectReadOrFormatError(i, text, () => WfdbHeaderFile.Parse(text, "fuzz.hea"));
        }
    }

    [Fact]
    public void DamagedHeadersBesideRealDataReadOrFailCleanly()
    {
        // A CinC record (16+24) and a PTB-XL record (12 leads), each copied to a scratch folder with a damaged header.
        var sources = new[] { (Path.Combine(TestData.Cinc2017, "A00001"), ".mat"), (Path.Combine(TestData.PtbXl, "records100", "00000", "00001_lr"), ".dat") };
        var mutator = new Mutator(7);
        var folder = TestData.TempDir();
        for (var i = 0; i < 1500; i++)
        {
            var (source, ext) = sources[i % sources.Length];
            var name = Path.GetFileName(source);
            var data = Path.Combine(folder, name + ext);
            if (!File.Exists(data)) File.Copy(source + ext, data);
            var text = mutator.Text(File.ReadAllText(source + ".hea"));
            File.WriteAllText(Path.Combine(folder, name + ".hea"), text);
            ExpectReadOrFormatError(i, text, () => ReadRecord(Path.Combine(folder, name)));
        }
    }

    [Fact]
    public void DamagedSignalFilesReadOrFailCleanly()
    {
        // Format 212 (the start of MIT-BIH 100, rewritten), 16 with a prolog (CinC), 16 with 12 leads (PTB-XL).
        var folder = TestData.TempDir();
        using (var mit = RecordFiles.Open(TestData.MitDbRecord("100")))
        {
            var start = mit.Read(0, 3000);
            var info = mit.Info with { SampleCount = 3000 };
            WfdbRecordWriter.Write(new EcgRecord(info, start.Samples), Path.Combine(folder, "m100"), "212");
        }
        File.Copy(Path.Combine(TestData.Cinc2017, "A00001.hea"), Path.Combine(folder, "A00001.hea"));
        File.Copy(Path.Combine(TestData.PtbXl, "records100", "00000", "00001_lr.hea"), Path.Combine(folder, "00001_lr.hea"));
        var records = new[]
        {
            ("m100", File.ReadAllBytes(Path.Combine(folder, "m100.dat")), ".dat"),
            ("A00001", File.ReadAllBytes(Path.Combine(TestData.Cinc2017, "A00001.mat")), ".mat"),
            ("00001_lr", File.ReadAllBytes(Path.Combine(TestData.PtbXl, "records100", "00000", "00001_lr.dat")), ".dat"),
        };
        var mutator = new Mutator(11);
        var caught = 0;
        for (var i = 0; i < 1500; i++)
        {
            var (name, bytes, ext) = records[i % records.Length];
            File.WriteAllBytes(Path.Combine(folder, name + ext), mutator.Bytes(bytes));
            try
            {
                ReadRecord(Path.Combine(folder, name));
            }
            catch (SignalFormatException e)
            {
                Assert.Contains(name, e.File);
                caught++;
            }
            catch (Exception e)
            {
                Assert.Fail($"iteration {i} ({name}) threw {e.GetType().Name}: {e}");
            }
        }
        // Damage to MIT-BIH and PTB-XL data is caught by length or checksum checks (CinC has no checksums).
        Assert.InRange(caught, 700, 1500);
    }

    [Fact]
    public void DamagedAnnotationFilesReadOrFailCleanly()
    {
        var files = new[] { "100", "201", "207", "232" }.Select(r => File.ReadAllBytes(Path.Combine(TestData.MitDb, r + ".atr"))).ToArray();
        var mutator = new Mutator(5);
        for (var i = 0; i < 4000; i++)
        {
            var bytes = mutator.Bytes(files[i % files.Length]);
            ExpectReadOrFormatError(i, "atr", () => WfdbAnnotationReader.Decode(bytes, "fuzz.atr"));
        }
    }
}
