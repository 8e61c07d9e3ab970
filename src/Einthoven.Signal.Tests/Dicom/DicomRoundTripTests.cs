using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Dicom;
using Einthoven.Signal.Records;
using Einthoven.Signal.Tests.Support;
using Einthoven.TestSupport;
using FsCheck.Xunit;

namespace Einthoven.Signal.Tests.Dicom;

public class DicomRoundTripTests
{
    private static readonly string[] MappedKeys =
    [
        MetadataKeys.PatientId, MetadataKeys.PatientName, MetadataKeys.Sex, MetadataKeys.BirthDate, MetadataKeys.Age,
        MetadataKeys.RecordingId, MetadataKeys.Technician, MetadataKeys.Device, MetadataKeys.Site,
    ];

    private static (EcgRecord Back, string Path) WriteAndRead(EcgRecord record, string name = "r.dcm")
    {
        var path = Path.Combine(TestData.TempDir(), name);
        RecordFiles.Write(record, path);
        return (RecordFiles.Read(path), path);
    }

    /// <summary>All annotation sets merged in sample order, as DICOM keeps them (without WFDB's C terminators).</summary>
    private static Annotation[] Expected(EcgRecord record) =>
        [.. record.Annotations.Values.SelectMany(a => a).Select(a => a with { Aux = a.AuxText }).OrderBy(a => a.Sample)];

    private static void AssertSame(EcgRecord record, EcgRecord back)
    {
        Assert.Equal(record.Info.SamplingFrequency, back.Info.SamplingFrequency);
        Assert.Equal(record.Info.SampleCount, back.Info.SampleCount);
        Assert.Equal(record.Info.Leads.Count, back.Info.Leads.Count);
        for (var lead = 0; lead < record.Info.Leads.Count; lead++)
        {
            var (a, b) = (record.Info.Leads[lead], back.Info.Leads[lead]);
            Assert.Equal((a.Name, PhysicalUnits.Normalise(a.Unit), a.Gain, a.Baseline, a.BaselineFraction), (b.Name, b.Unit, b.Gain, b.Baseline, b.BaselineFraction));
            Assert.True(record.Samples[lead].AsSpan().SequenceEqual(back.Samples[lead]), $"lead {lead} samples differ");
        }
        Assert.Equal(Expected(record), back.Annotations.GetValueOrDefault("dicom") ?? []);
        foreach (var key in MappedKeys)
            Assert.Equal(record.Info.Metadata.GetValueOrDefault(key), back.Info.Metadata.GetValueOrDefault(key));
        Assert.Equal(record.Info.Comments, back.Info.Comments);
    }

    [Property(MaxTest = 120)]
    public void Random_records_keep_samples_calibration_annotations_start_and_metadata(int seed)
    {
        var record = RandomRecords.Create(new Random(seed), fractions: seed % 2 == 0);
        var (back, _) = WriteAndRead(record);
        AssertSame(record, back);
        Assert.Equal(record.Info.StartDate, back.Info.StartDate);
        Assert.Equal(record.Info.StartTime, back.Info.StartTime);
    }

    [Fact]
    public void A_resting_12_lead_ecg_is_a_12_lead_instance_with_coded_leads()
    {
        var record = DicomRecords.Synthetic(DicomRecords.TwelveLeads, 500, TimeSpan.FromSeconds(10));
        var (back, path) = WriteAndRead(record);
        AssertSame(record, back);
        Assert.StartsWith(DicomIodSpec.TwelveLead.SopClassUid + " ", back.Info.Metadata[DicomMetadataKeys.SopClass]);
        Assert.Equal(new DateOnly(2026, 11, 22), back.Info.StartDate);
        Assert.Equal(new TimeOnly(10, 30, 15, 250), back.Info.StartTime);
        var text = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(path));
        Assert.Contains("2:62", text); // aVR in MDC
        Assert.Contains("Lead aVR", text);
    }

    [Fact]
    public void A_12_lead_ecg_longer_than_one_group_is_split_and_read_back_whole()
    {
        var record = DicomRecords.Synthetic(DicomRecords.TwelveLeads, 500, TimeSpan.FromSeconds(60));
        var (back, _) = WriteAndRead(record);
        AssertSame(record, back);
        var groups = back.Info.Metadata[DicomMetadataKeys.MultiplexGroups];
        Assert.Contains("1 RHYTHM 1: 12 channels x 16,384 samples at 500 Hz", groups);
        Assert.Contains("2 RHYTHM 2: 12 channels x 13,616 samples", groups);
        Assert.DoesNotContain("not read", groups);
        Assert.StartsWith(DicomIodSpec.TwelveLead.SopClassUid, back.Info.Metadata[DicomMetadataKeys.SopClass]);
    }

    [Fact]
    public void Sixteen_leads_make_a_general_ecg_instance()
    {
        var record = DicomRecords.Sixteen(1000, TimeSpan.FromSeconds(20));
        var (back, _) = WriteAndRead(record);
        AssertSame(record, back);
        Assert.StartsWith(DicomIodSpec.General.SopClassUid + " ", back.Info.Metadata[DicomMetadataKeys.SopClass]);
    }

    [Theory]
    [InlineData("100")]
    [InlineData("208")]
    public void Mitdb_records_are_ambulatory_instances_with_every_sample_and_reference_annotation(string name)
    {
        var record = RecordFiles.Read(TestData.MitDbRecord(name));
        var (back, _) = WriteAndRead(record, name + ".dcm");
        AssertSame(record, back);
        Assert.StartsWith(DicomIodSpec.Ambulatory.SopClassUid + " ", back.Info.Metadata[DicomMetadataKeys.SopClass]);
        Assert.Equal(record.Annotations["atr"].Count, back.Annotations["dicom"].Count);

        // Too long for 12-lead groups, but a general ECG holds it too.
        var general = DicomWaveformFile.Read(new MemoryStream(DicomWaveformFile.ToBytes(record, new DicomWriteOptions { Iod = DicomEcgIod.General })), name);
        AssertSame(record, general);
        Assert.StartsWith(DicomIodSpec.General.SopClassUid + " ", general.Info.Metadata[DicomMetadataKeys.SopClass]);
        Assert.Throws<ArgumentException>(() => DicomWaveformFile.ToBytes(record, new DicomWriteOptions { Iod = DicomEcgIod.TwelveLead }));
    }

    [Fact]
    public void Each_iod_can_be_asked_for_and_one_that_cannot_hold_the_record_is_refused()
    {
        var record = DicomRecords.Synthetic(["I", "II"], 250, TimeSpan.FromSeconds(10));
        foreach (var iod in Enum.GetValues<DicomEcgIod>())
        {
            var bytes = DicomWaveformFile.ToBytes(record, new DicomWriteOptions { Iod = iod });
            var back = DicomWaveformFile.Read(new MemoryStream(bytes), "x");
            Assert.StartsWith(DicomIodSpec.Of(iod).SopClassUid + " ", back.Info.Metadata[DicomMetadataKeys.SopClass]);
            AssertSame(record, back);
        }
        var slow = DicomRecords.Synthetic(["I", "II"], 128, TimeSpan.FromSeconds(10));
        var error = Assert.Throws<ArgumentException>(() => DicomWaveformFile.ToBytes(slow, new DicomWriteOptions { Iod = DicomEcgIod.TwelveLead }));
        Assert.Contains("200 to 1000 Hz", error.Message);
    }

    [Fact]
    public void Records_no_ecg_iod_holds_are_refused_with_the_reasons_and_leave_no_file()
    {
        var fast = DicomRecords.Synthetic(["I"], 2000, TimeSpan.FromSeconds(2));
        var path = Path.Combine(TestData.TempDir(), "fast.dcm");
        var error = Assert.Throws<ArgumentException>(() => RecordFiles.Write(fast, path));
        Assert.Contains("2000 Hz", error.Message);
        Assert.False(File.Exists(path));

        var wide = RandomRecords.Create(new Random(3), maxMagnitude: 100_000, annotations: false);
        var wideError = Assert.Throws<ArgumentException>(() => DicomWaveformFile.ToBytes(wide.WithInfo(wide.Info with { SamplingFrequency = 250 })));
        Assert.Contains("16-bit", wideError.Message);
    }

    [Fact]
    public void The_stream_api_keeps_the_identity_it_is_given_and_reads_from_streams_that_cannot_seek()
    {
        var record = DicomRecords.Synthetic(DicomRecords.TwelveLeads, 500, TimeSpan.FromSeconds(10));
        var options = new DicomWriteOptions
        {
            PatientId = "PAT-9", PatientName = "Doe^John", StudyInstanceUid = "1.2.826.0.1.3680043.8.498.1",
            SeriesInstanceUid = "1.2.826.0.1.3680043.8.498.2", SopInstanceUid = "1.2.826.0.1.3680043.8.498.3",
        };
        var bytes = DicomWaveformFile.ToBytes(record, options);
        var back = DicomWaveformFile.Read(new ForwardOnlyStream(bytes), "upload");
        Assert.Equal("upload", back.Info.Name);
        Assert.Equal("PAT-9", back.Info.Metadata[MetadataKeys.PatientId]);
        Assert.Equal("Doe^John", back.Info.Metadata[MetadataKeys.PatientName]);
        Assert.Equal(options.StudyInstanceUid, back.Info.Metadata[DicomMetadataKeys.StudyInstanceUid]);
        Assert.Equal(options.SeriesInstanceUid, back.Info.Metadata[DicomMetadataKeys.SeriesInstanceUid]);
        Assert.Equal(options.SopInstanceUid, back.Info.Metadata[DicomMetadataKeys.SopInstanceUid]);
        Assert.True(record.Samples[3].AsSpan().SequenceEqual(back.Samples[3]));

        // Written again, a record read from DICOM stays in its study and series, as a new instance.
        var again = DicomWaveformFile.Read(new MemoryStream(DicomWaveformFile.ToBytes(back)), "again");
        Assert.Equal(options.StudyInstanceUid, again.Info.Metadata[DicomMetadataKeys.StudyInstanceUid]);
        Assert.NotEqual(options.SopInstanceUid, again.Info.Metadata[DicomMetadataKeys.SopInstanceUid]);
    }

    [Fact]
    public void Windows_read_across_the_groups_of_a_split_record()
    {
        var record = DicomRecords.Synthetic(DicomRecords.TwelveLeads, 1000, TimeSpan.FromSeconds(40));
        var path = Path.Combine(TestData.TempDir(), "split.dcm");
        RecordFiles.Write(record, path);
        using var reader = RecordFiles.Open(path);
        var block = reader.Read(16_000, 1000);
        Assert.Equal(16_000, block.Start);
        for (var lead = 0; lead < 12; lead++)
            Assert.True(record.Samples[lead].AsSpan(16_000, 1000).SequenceEqual(block.Samples[lead]));
        Assert.Equal(0, reader.Read(40_000, 10).Length);
    }

    [Fact]
    public void Writing_streams_the_record_window_by_window()
    {
        var path = Path.Combine(TestData.TempDir(), "streamed.dcm");
        using (var reader = new Formats.StreamingWriterTests.WindowCountingReader(RecordFiles.Open(TestData.MitDbRecord("100"))))
        {
            RecordFiles.Write(reader, path);
            // 2 x 650,000 samples: a writer that read the whole record at once would ask for all of them.
            Assert.InRange(reader.LargestWindow, 1, SignalWindows.DefaultSamples);
        }
        var original = RecordFiles.Read(TestData.MitDbRecord("100"));
        var back = RecordFiles.Read(path);
        Assert.True(original.Samples[1].AsSpan().SequenceEqual(back.Samples[1]));
    }

    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
