using System.Security.Cryptography;
using System.Text;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;
using Einthoven.Signal.Synthesis;
using Einthoven.Signal.Tests.Support;
using Einthoven.TestSupport;

namespace Einthoven.Signal.Tests.Formats;

/// <summary>
/// The writers stream from an <see cref="ISignalReader"/> window by window; their output must stay byte for byte what
/// the whole-record writers gave (the hashes below were taken with those, at commit cef763a).
/// </summary>
public class StreamingWriterTests
{
    [Theory]
    [InlineData("mitdb-100", "wfdb", "98D20A6E9C49F103")]
    [InlineData("mitdb-100", "edf", "F581BE32FA5BCB45")]
    [InlineData("mitdb-100", "csv", "A73397B8D591830F")]
    [InlineData("synthetic-12", "wfdb", "2A7DD7A96695486D")]
    [InlineData("synthetic-12", "edf", "8B15CE355C8A9E6E")]
    [InlineData("synthetic-12", "csv", "219423D458BD3985")]
    [InlineData("random-1", "wfdb", "36154031291637EC")]
    [InlineData("random-1", "edf", "62BD4B5CC0052CA8")]
    [InlineData("random-1", "csv", "D55814B4473F4526")]
    [InlineData("random-2", "wfdb", "E648E4BC8EFE0652")]
    [InlineData("random-2", "edf", "3C58B5BD35639D07")]
    [InlineData("random-2", "csv", "2A26728104512603")]
    [InlineData("random-3", "wfdb", "C70F7900717C0103")]
    [InlineData("random-3", "edf", "6E0485B7DD858443")]
    [InlineData("random-3", "csv", "7E4DEB6990D39D16")]
    [InlineData("random-4", "wfdb", "FA338140B0E5E2F3")]
    [InlineData("random-4", "edf", "154C1B446A58F62A")]
    [InlineData("random-4", "csv", "2D48812533B4011D")]
    public void Writing_a_record_gives_the_bytes_the_whole_record_writers_gave(string name, string format, string expected) =>
        Assert.Equal(expected, Written(name, format, (record, path) => RecordFiles.Write(record, path, format)));

    [Theory]
    [InlineData("wfdb", "98D20A6E9C49F103")]
    [InlineData("edf", "F581BE32FA5BCB45")]
    [InlineData("csv", "A73397B8D591830F")]
    [InlineData("aecg", "5B01C848B5352852")]
    public void MitBih_100_streamed_from_its_files_gives_the_same_bytes_reading_only_windows(string format, string expected)
    {
        var dir = TestData.TempDir();
        using var reader = new WindowCountingReader(RecordFiles.Open(TestData.MitDbRecord("100")));
        RecordFiles.Write(reader, Path.Combine(dir, "out" + (format == "wfdb" ? "" : "." + format)), format);
        Assert.Equal(expected, Hash(dir));
        // 2 x 650,000 samples: a writer that read the whole record at once would ask for all of them.
        Assert.InRange(reader.LargestWindow, 1, SignalWindows.DefaultSamples);
    }

    private static string Written(string name, string format, Action<EcgRecord, string> write)
    {
        var dir = TestData.TempDir();
        var record = Record(name);
        var target = RecordFiles.Formats.Single(f => f.Name == format);
        try
        {
            write(record, Path.Combine(dir, "out" + (format == "wfdb" ? "" : target.Extensions[0])));
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
        return Hash(dir);
    }

    internal static EcgRecord Record(string name) => name switch
    {
        "mitdb-100" => RecordFiles.Read(TestData.MitDbRecord("100")),
        "synthetic-12" => EcgSynthesizer.Generate(new SynthesisOptions
        {
            Name = "s12", SamplingFrequency = 250, Duration = TimeSpan.FromSeconds(95.3), PvcProbability = 0.1, Seed = 7,
            Leads = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"],
            AfEpisodes = [(TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(30))], Start = new DateTime(2026, 10, 1, 8, 30, 0),
        }),
        _ => RandomRecords.Create(new Random(int.Parse(name["random-".Length..])), maxMagnitude: 100_000, fractions: true),
    };

    /// <summary>SHA-256 over the names and bytes of every file in the folder.</summary>
    internal static string Hash(string dir)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.GetFiles(dir).Order(StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file)));
            sha.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexString(sha.GetHashAndReset())[..16];
    }

    /// <summary>Passes reads through and remembers the largest window asked for (samples over all leads).</summary>
    internal sealed class WindowCountingReader(ISignalReader inner) : ISignalReader
    {
        public long LargestWindow { get; private set; }
        public RecordInfo Info => inner.Info;
        public IReadOnlyList<string> Annotators => inner.Annotators;
        public IReadOnlyList<Annotation> ReadAnnotations(string annotator) => inner.ReadAnnotations(annotator);
        public void Dispose() => inner.Dispose();

        public SampleBlock Read(long start, int count)
        {
            LargestWindow = Math.Max(LargestWindow, (long)count * Info.Leads.Count);
            return inner.Read(start, count);
        }
    }
}
