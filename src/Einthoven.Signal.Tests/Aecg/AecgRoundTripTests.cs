using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;
using Einthoven.Signal.Tests.Support;
using Einthoven.TestSupport;
using FsCheck.Xunit;

namespace Einthoven.Signal.Tests.Aecg;

public class AecgRoundTripTests
{
    private static readonly string[] KeptMetadata = [MetadataKeys.PatientId, MetadataKeys.PatientName, MetadataKeys.Sex, MetadataKeys.BirthDate, MetadataKeys.Device];

    private static EcgRecord WriteAndRead(EcgRecord record, string name = "r.xml")
    {
        var path = Path.Combine(TestData.TempDir(), name);
        RecordFiles.Write(record, path);
        return RecordFiles.Read(path);
    }

    /// <summary>A random record whose annotations are split into a device set and a physician set, each with its author.</summary>
    internal static EcgRecord WithTwoSets(EcgRecord record, string device = "Einthoven QRS 2.1", string physician = "Dr. Aziza Karimova")
    {
        var all = record.Annotations.GetValueOrDefault("edf") ?? [];
        var metadata = new Dictionary<string, string>(record.Info.Metadata);
        AnnotationAuthors.Record(metadata, "aecg-device", new AnnotationAuthor(AnnotationAuthorKind.Device, device));
        AnnotationAuthors.Record(metadata, "aecg-physician", new AnnotationAuthor(AnnotationAuthorKind.Person, physician));
        var sets = new Dictionary<string, IReadOnlyList<Annotation>>
        {
            ["aecg-device"] = all.Where((_, i) => i % 2 == 0).ToList(),
            ["aecg-physician"] = all.Where((_, i) => i % 2 == 1).ToList(),
        };
        return new EcgRecord(record.Info with { Metadata = metadata }, record.Samples, sets);
    }

    private static void AssertSame(EcgRecord record, EcgRecord back)
    {
        Assert.Equal(record.Info.SamplingFrequency, back.Info.SamplingFrequency);
        Assert.Equal(record.Info.StartDate, back.Info.StartDate);
        Assert.Equal(record.Info.StartTime, back.Info.StartTime);
        Assert.Equal(record.Info.SampleCount, back.Info.SampleCount);
        for (var lead = 0; lead < record.Info.Leads.Count; lead++)
        {
            var (a, b) = (record.Info.Leads[lead], back.Info.Leads[lead]);
            Assert.Equal((a.Name, a.Unit, a.Gain, a.Baseline, a.BaselineFraction), (b.Name, b.Unit, b.Gain, b.Baseline, b.BaselineFraction));
            Assert.Equal(record.Samples[lead], back.Samples[lead]);
        }
        Assert.Equal(record.Annotations.Keys.Order(), back.Annotations.Keys.Order());
        foreach (var (annotator, annotations) in record.Annotations)
        {
            Assert.Equal(annotations.Select(a => a with { Aux = a.AuxText }), back.Annotations[annotator]);
            Assert.Equal(AnnotationAuthors.Of(record.Info, annotator), AnnotationAuthors.Of(back.Info, annotator));
        }
    }

    [Property(MaxTest = 120)]
    public void Samples_calibration_start_patient_and_both_annotation_sets_with_their_authors_survive(int seed)
    {
        var record = WithTwoSets(RandomRecords.Create(new Random(seed), maxMagnitude: 1_000_000, fractions: true));
        var back = WriteAndRead(record);
        AssertSame(record, back);
        foreach (var key in KeptMetadata) Assert.Equal(record.Info.Metadata[key], back.Info.Metadata[key]);
        Assert.Equal(AnnotationAuthorKind.Device, AnnotationAuthors.Of(back.Info, "aecg-device")!.Kind);
        Assert.Equal("Dr. Aziza Karimova", AnnotationAuthors.Of(back.Info, "aecg-physician")!.Name);
    }

    [Property(MaxTest = 40)]
    public void Without_a_start_times_are_relative_and_still_exact(int seed)
    {
        var random = WithTwoSets(RandomRecords.Create(new Random(seed)));
        var record = random.WithInfo(random.Info with { StartDate = null, StartTime = null });
        var back = WriteAndRead(record);
        AssertSame(record, back);
        Assert.Null(back.Info.StartDate);
    }

    [Fact]
    public void A_start_date_without_a_time_stays_a_date()
    {
        var random = RandomRecords.Create(new Random(4), annotations: false);
        var back = WriteAndRead(random.WithInfo(random.Info with { StartDate = new DateOnly(2026, 11, 22), StartTime = null }));
        Assert.Equal(new DateOnly(2026, 11, 22), back.Info.StartDate);
        Assert.Null(back.Info.StartTime);
    }

    [Theory]
    [InlineData("100")]
    [InlineData("208")]
    public void Mitdb_records_keep_their_samples_leads_and_reference_beats_as_a_physician_set(string name)
    {
        var original = RecordFiles.Read(TestData.MitDbRecord(name));
        var back = WriteAndRead(original, name + ".xml");
        Assert.Equal(360, back.Info.SamplingFrequency);
        Assert.Equal(["MLII", original.Info.Leads[1].Name], back.Info.Leads.Select(l => l.Name));
        for (var lead = 0; lead < 2; lead++)
        {
            Assert.Equal((200.0, 1024), (back.Info.Leads[lead].Gain, back.Info.Leads[lead].Baseline));
            Assert.True(original.Samples[lead].AsSpan().SequenceEqual(back.Samples[lead]));
        }
        // "atr" is WFDB's cardiologist-reviewed reference: it becomes the physician set.
        Assert.Equal(["aecg-physician"], back.Annotations.Keys);
        Assert.Equal(original.Annotations["atr"].Select(a => a with { Aux = a.AuxText }), back.Annotations["aecg-physician"]);
        Assert.Equal(AnnotationAuthorKind.Person, AnnotationAuthors.Of(back.Info, "aecg-physician")!.Kind);
    }

    [Fact]
    public void Twelve_standard_leads_are_written_with_their_mdc_codes()
    {
        var record = StreamingRecord12();
        var path = Path.Combine(TestData.TempDir(), "s12.xml");
        RecordFiles.Write(record, path);
        var xml = File.ReadAllText(path);
        foreach (var code in new[] { "MDC_ECG_LEAD_I\"", "MDC_ECG_LEAD_AVR", "MDC_ECG_LEAD_AVF", "MDC_ECG_LEAD_V6" }) Assert.Contains(code, xml);
        var back = RecordFiles.Read(path);
        Assert.Equal(record.Info.Leads.Select(l => l.Name), back.Info.Leads.Select(l => l.Name));
        Assert.Contains("MDC_ECG_BEAT_V_P_C", xml);
        Assert.Equal(record.Annotations.Values.Single().Count(a => a.Code == AnnotationCodes.Pvc), back.Annotations.Values.Single().Count(a => a.Code == AnnotationCodes.Pvc));
    }

    private static EcgRecord StreamingRecord12() => Formats.StreamingWriterTests.Record("synthetic-12");

    [Fact]
    public void The_same_record_gives_the_same_bytes_whether_streamed_or_held()
    {
        var record = RandomRecords.Create(new Random(12));
        var (a, b) = (Path.Combine(TestData.TempDir(), "a.xml"), Path.Combine(TestData.TempDir(), "b.xml"));
        RecordFiles.Write(record, a);
        using (var reader = new InMemoryReader(record)) RecordFiles.Write(reader, b);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
    }
}
