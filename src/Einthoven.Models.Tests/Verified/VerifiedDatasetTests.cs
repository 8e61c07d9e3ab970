using System.Text.Json.Nodes;
using Einthoven.Learning.Serialization;
using Einthoven.Models.Beats;
using Einthoven.Models.Verified;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Wfdb;
using Einthoven.Signal.Records;
using Einthoven.TestSupport;

namespace Einthoven.Models.Tests.Verified;

public class VerifiedDatasetTests
{
    private static readonly DateOnly Created = new(2026, 12, 7);

    [Fact]
    public void A_written_dataset_reads_back_with_its_samples_and_both_label_sets()
    {
        var recordings = Recordings();
        var dataset = VerifiedDatasetWriter.Write(Folder(), recordings, Created);

        Assert.Equal(["v1", "v2", "v3"], dataset.Records.Select(r => r.Name));
        Assert.Equal([false, false, true], dataset.Records.Select(r => r.Holdout));
        Assert.Equal(["v1.ai", "v1.atr", "v1.dat", "v1.hea"], dataset.Records[0].Files.Keys);
        foreach (var ((entry, written), seed) in dataset.Records.Zip(recordings).Zip([1, 2, 3]))
        {
            var (record, physician) = dataset.Read(entry);
            Assert.Equal(Record(seed).Samples, record.Samples);
            Assert.Equal(written.Physician.OrderBy(b => b.Sample), VerifiedBeat.FromAnnotations(physician));
            Assert.Equal(written.Ai.OrderBy(b => b.Sample), VerifiedBeat.FromAnnotations(record.Annotations[VerifiedDatasetFormat.AiAnnotator]));
            Assert.Equal(written.Physician.Count, entry.Beats);
        }
    }

    [Fact]
    public void A_streamed_signal_is_written_without_its_own_annotations_and_the_optional_fields_read_back()
    {
        var source = Path.Combine(TestData.TempDir(), "source");
        var annotated = Record(4);
        WfdbRecordWriter.Write(new EcgRecord(annotated.Info, annotated.Samples, new Dictionary<string, IReadOnlyList<Annotation>>
        {
            ["atr"] = [Annotation.FromSymbol(100, "A")], ["qrs"] = [Annotation.FromSymbol(100, "N")],
        }), source);
        var opened = 0;
        var recordings = Recordings();
        recordings[1] = new VerifiedRecording("v2", "p1", false, () => { opened++; return RecordFiles.Open(source); },
            [new(500, AamiClass.F), new(2000, AamiClass.Q)], [new(500, AamiClass.N)]) { Disagreements = 3 };
        var dataset = VerifiedDatasetWriter.Write(Folder(), recordings, Created, standard: "mitdb DS1: 101 106", notes: "## Notes\nSome words.");

        Assert.Equal(1, opened);
        Assert.Equal(["v2.ai", "v2.atr", "v2.dat", "v2.hea"], dataset.Records[1].Files.Keys); // no v2.qrs
        var (record, physician) = dataset.Read(dataset.Records[1]);
        Assert.Equal(annotated.Samples, record.Samples);
        Assert.Equal([new VerifiedBeat(500, AamiClass.F), new VerifiedBeat(2000, AamiClass.Q)], VerifiedBeat.FromAnnotations(physician));
        Assert.Equal("mitdb DS1: 101 106", dataset.Manifest.Standard);
        Assert.Equal(new int?[] { null, 3, null }, dataset.Records.Select(r => r.Disagreements));
        Assert.Equal([VerifiedDatasetFormat.ReadmeFile, VerifiedDatasetFormat.BeatsFile], dataset.Manifest.Files.Keys);
        Assert.EndsWith("Some words.\n", File.ReadAllText(Path.Combine(dataset.Directory, VerifiedDatasetFormat.ReadmeFile)));
        Assert.NotEqual(VerifiedDatasetWriter.Write(Folder(), recordings, Created).Id, dataset.Id); // the standard set is part of the content
    }

    [Fact]
    public void A_changed_readme_or_beats_csv_is_refused_naming_it()
    {
        foreach (var file in new[] { VerifiedDatasetFormat.ReadmeFile, VerifiedDatasetFormat.BeatsFile })
        {
            var dir = VerifiedDatasetWriter.Write(Folder(), Recordings(), Created).Directory;
            File.AppendAllText(Path.Combine(dir, file), "x");
            var e = Assert.Throws<SignalFormatException>(() => VerifiedDataset.Load(dir));
            Assert.Equal($"files.{file}", e.Field);
        }
    }

    [Fact]
    public void Beats_csv_gives_each_physician_beat_with_the_ai_label_it_matches()
    {
        var dataset = VerifiedDatasetWriter.Write(Folder(), Recordings(), Created);
        var lines = File.ReadAllLines(Path.Combine(dataset.Directory, VerifiedDatasetFormat.BeatsFile));
        Assert.Equal("record,sample,time_s,label,ai_label", lines[0]);
        // v1: physician N at 360, V at 1080 (the AI said N 10 samples off), S at 1800 the AI missed.
        Assert.Equal(["v1,360,1.000,N,N", "v1,1080,3.000,V,N", "v1,1800,5.000,S,"], lines[1..4]);
        Assert.Equal(1 + Recordings().Sum(r => r.Physician.Count), lines.Length);
    }

    [Fact]
    public void The_id_depends_on_the_content_only()
    {
        var first = VerifiedDatasetWriter.Write(Folder(), Recordings(), Created);
        var again = VerifiedDatasetWriter.Write(Folder(), Recordings(), Created.AddDays(7));
        var relabelled = Recordings();
        relabelled[0] = relabelled[0] with { Physician = [.. relabelled[0].Physician.Select(b => b with { Class = AamiClass.N })] };
        var other = VerifiedDatasetWriter.Write(Folder(), relabelled, Created);
        Assert.Equal(first.Id, again.Id);
        Assert.NotEqual(first.Id, other.Id);
        Assert.Matches("^[0-9a-f]{64}$", first.Id);
    }

    [Fact]
    public void A_changed_file_is_refused_naming_it()
    {
        var dir = VerifiedDatasetWriter.Write(Folder(), Recordings(), Created).Directory;
        var dat = Path.Combine(dir, "v2.dat");
        var bytes = File.ReadAllBytes(dat);
        bytes[10] ^= 1;
        File.WriteAllBytes(dat, bytes);
        var e = Assert.Throws<SignalFormatException>(() => VerifiedDataset.Load(dir));
        Assert.Equal("v2.files.v2.dat", e.Field);
        Assert.Contains("SHA-256", e.Reason);
    }

    [Fact]
    public void A_missing_file_is_missing_data()
    {
        var dir = VerifiedDatasetWriter.Write(Folder(), Recordings(), Created).Directory;
        File.Delete(Path.Combine(dir, "v1.ai"));
        var e = Assert.Throws<SignalFormatException>(() => VerifiedDataset.Load(dir));
        Assert.Equal(("v1.files.v1.ai", SignalProblem.MissingData), (e.Field, e.Problem));
    }

    [Theory]
    [InlineData("format", "\"einthoven-verified-beats/2\"", "format")]
    [InlineData("id", "\"abc\"", "id")]
    [InlineData("created", "\"7 December\"", "created")]
    [InlineData("records[0].name", "\"../v1\"", "records[0].name")]
    [InlineData("records[0].holdout", "\"no\"", "records[0].holdout")]
    [InlineData("records[0].beats", "-1", "records[0].beats")]
    [InlineData("records[0].beats", "4", "v1.beats")]
    [InlineData("records[2].group", "\"p1\"", "records.holdout")]
    [InlineData("records[0].files", "{\"v1.hea\": \"00\"}", "records[0].files.v1.hea")]
    [InlineData("records[0].files", "{\"../etc.hea\": \"00\"}", "records[0].files")]
    [InlineData("records[0].disagreements", "-2", "records[0].disagreements")]
    [InlineData("records[0].disagreements", "\"3\"", "records[0].disagreements")]
    [InlineData("standard", "\"\"", "standard")]
    [InlineData("standard", "7", "standard")]
    [InlineData("files", "{\"manifest.json\": \"00\"}", "files")]
    [InlineData("files", "[]", "files")]
    public void A_bad_manifest_field_is_named(string field, string json, string named)
    {
        var dir = VerifiedDatasetWriter.Write(Folder(), Recordings(), Created).Directory;
        EditManifest(dir, field, JsonNode.Parse(json));
        var e = Assert.Throws<SignalFormatException>(() => VerifiedDataset.Load(dir));
        Assert.Equal(named, e.Field);
        Assert.EndsWith(VerifiedDatasetFormat.ManifestFile, e.File);
    }

    [Fact]
    public void A_record_listed_twice_is_refused()
    {
        var dir = VerifiedDatasetWriter.Write(Folder(), Recordings(), Created).Directory;
        EditManifest(dir, "records[1]", Manifest(dir)["records"]![0]!.DeepClone());
        var e = Assert.Throws<SignalFormatException>(() => VerifiedDataset.Load(dir));
        Assert.Equal("records[1].name", e.Field);
    }

    [Fact]
    public void Oversized_fields_are_refused_before_they_are_used()
    {
        var dir = VerifiedDatasetWriter.Write(Folder(), Recordings(), Created).Directory;
        EditManifest(dir, "records[0].group", JsonValue.Create(new string('p', VerifiedDatasetFormat.MaxGroupLength + 1)));
        var e = Assert.Throws<SignalFormatException>(() => VerifiedDataset.Load(dir));
        Assert.Equal(("records[0].group", SignalProblem.TooLarge), (e.Field, e.Problem));
        dir = VerifiedDatasetWriter.Write(Folder(), Recordings(), Created).Directory;
        EditManifest(dir, "standard", JsonValue.Create(new string('s', VerifiedDatasetFormat.MaxStandardLength + 1)));
        e = Assert.Throws<SignalFormatException>(() => VerifiedDataset.Load(dir));
        Assert.Equal(("standard", SignalProblem.TooLarge), (e.Field, e.Problem));
    }

    [Fact]
    public void A_header_may_only_read_signal_files_the_manifest_lists()
    {
        var dir = VerifiedDatasetWriter.Write(Folder(), Recordings(), Created).Directory;
        var manifest = Manifest(dir);
        manifest["records"]![0]!["files"]!.AsObject().Remove("v1.dat");
        File.WriteAllText(Path.Combine(dir, VerifiedDatasetFormat.ManifestFile), manifest.ToJsonString());
        var e = Assert.Throws<SignalFormatException>(() => VerifiedDataset.Load(dir));
        Assert.Equal("v1.files", e.Field);
        Assert.Contains("v1.dat", e.Reason);
    }

    [Fact]
    public void Physician_labels_must_be_aami_letters()
    {
        var dir = VerifiedDatasetWriter.Write(Folder(), Recordings(), Created).Directory;
        var atr = Path.Combine(dir, "v1.atr");
        WfdbAnnotationWriter.Write(atr, [Annotation.FromSymbol(360, "L"), Annotation.FromSymbol(1080, "V"), Annotation.FromSymbol(1800, "A")]);
        EditManifest(dir, "records[0].files", new JsonObject(Manifest(dir)["records"]![0]!["files"]!.AsObject().Select(f =>
            KeyValuePair.Create(f.Key, (JsonNode?)JsonValue.Create(f.Key == "v1.atr" ? ModelCard.Sha256(atr) : f.Value!.GetValue<string>())))));
        var e = Assert.Throws<SignalFormatException>(() => VerifiedDataset.Load(dir));
        Assert.Equal("annotation at sample 360", e.Field);
        Assert.EndsWith("v1.atr", e.File);
    }

    [Fact]
    public void The_writer_refuses_what_the_reader_would()
    {
        var good = Recordings();
        Assert.Throws<ArgumentException>(() => VerifiedDatasetWriter.Write(Folder(), [good[0], good[0] with { Name = "V1" }], Created));
        Assert.Throws<ArgumentException>(() => VerifiedDatasetWriter.Write(Folder(), [good[0] with { Name = "a.b" }], Created));
        Assert.Throws<ArgumentException>(() => VerifiedDatasetWriter.Write(Folder(), [good[0], good[2] with { Group = good[0].Group }], Created));
        Assert.Throws<ArgumentException>(() => VerifiedDatasetWriter.Write(Folder(), [good[0] with { Physician = [new VerifiedBeat(3600, AamiClass.N)] }], Created));
        var used = TestData.TempDir();
        File.WriteAllText(Path.Combine(used, "x"), "");
        Assert.Throws<ArgumentException>(() => VerifiedDatasetWriter.Write(used, good, Created));
    }

    private static string Folder() => Path.Combine(TestData.TempDir(), "dataset");

    private static JsonNode Manifest(string dir) => JsonNode.Parse(File.ReadAllText(Path.Combine(dir, VerifiedDatasetFormat.ManifestFile)))!;

    // Sets the field at a path such as "records[0].name" and writes the manifest back.
    private static void EditManifest(string dir, string path, JsonNode? value)
    {
        var root = Manifest(dir);
        var parts = path.Replace("]", "").Split('.', '[');
        var node = root;
        foreach (var part in parts[..^1]) node = int.TryParse(part, out var i) ? node[i]! : node[part]!;
        if (int.TryParse(parts[^1], out var last)) node[last] = value;
        else node[parts[^1]] = value;
        File.WriteAllText(Path.Combine(dir, VerifiedDatasetFormat.ManifestFile), root.ToJsonString());
    }

    private static List<VerifiedRecording> Recordings() =>
    [
        new("v1", "p1", false, Record(1), [new(1080, AamiClass.V), new(360, AamiClass.N), new(1800, AamiClass.S)], [new(360, AamiClass.N), new(1090, AamiClass.N)]),
        new("v2", "p1", false, Record(2), [new(500, AamiClass.F), new(2000, AamiClass.Q)], [new(500, AamiClass.N)]),
        new("v3", "p2", true, Record(3), [new(700, AamiClass.N)], []),
    ];

    // Ten seconds of two leads at 360 Hz, different per seed.
    private static EcgRecord Record(int seed)
    {
        var random = new Random(seed);
        const int length = 3600;
        var info = new RecordInfo { Name = $"r{seed}", SamplingFrequency = 360, SampleCount = length, Leads = [new LeadInfo { Name = "MLII" }, new LeadInfo { Name = "V1" }] };
        return new EcgRecord(info, [Enumerable.Range(0, length).Select(_ => random.Next(-1000, 1000)).ToArray(), Enumerable.Range(0, length).Select(_ => random.Next(-1000, 1000)).ToArray()]);
    }
}
