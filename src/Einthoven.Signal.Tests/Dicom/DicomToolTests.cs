using System.Text;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Dicom;
using Einthoven.Signal.Records;
using Einthoven.Signal.Tests.Support;
using Einthoven.TestSupport;

namespace Einthoven.Signal.Tests.Dicom;

/// <summary>Cross-checks against dicom3tools (dciodvfy, an IOD validator) and dcmtk (dcmdump, dump2dcm).</summary>
public class DicomToolTests
{
    private static string Written(EcgRecord record, string name)
    {
        var path = Path.Combine(TestData.TempDir(), name);
        RecordFiles.Write(record, path);
        return path;
    }

    public static TheoryData<string> Shapes => ["12-lead", "12-lead split", "general", "ambulatory mitdb"];

    private static (EcgRecord Record, string Iod) Shape(string shape) => shape switch
    {
        "12-lead" => (DicomRecords.Synthetic(DicomRecords.TwelveLeads, 500, TimeSpan.FromSeconds(10)), "TwelveLeadECG"),
        "12-lead split" => (DicomRecords.Synthetic(DicomRecords.TwelveLeads, 1000, TimeSpan.FromSeconds(50)), "TwelveLeadECG"),
        "general" => (DicomRecords.Sixteen(500, TimeSpan.FromSeconds(30)), "GeneralECG"),
        _ => (RecordFiles.Read(TestData.MitDbRecord("100")), "AmbulatoryECG"),
    };

    [DicomToolsTheory]
    [MemberData(nameof(Shapes))]
    public void Every_iod_written_passes_dciodvfy_without_errors_and_dcmdump_parses_it(string shape)
    {
        var (record, iod) = Shape(shape);
        var path = Written(record, "v.dcm");

        var (errors, report) = DicomTools.Verify(path);
        Assert.True(errors.Length == 0, $"dciodvfy found errors:\n{string.Join('\n', errors)}");
        Assert.Contains(iod, report);

        var (code, dump) = DicomTools.Run("dcmdump", "-q", "+L", path);
        Assert.True(code == 0, dump);
        var groups = (int)Math.Ceiling(record.Info.SampleCount / (shape.StartsWith("12-lead") ? 16384.0 : double.MaxValue));
        Assert.Equal(Math.Max(groups, 1), dump.Split('\n').Count(l => l.Contains("WaveformData")));
        Assert.Contains($"(003a,0005) US {record.Info.Leads.Count} ", dump);
        Assert.Contains("LittleEndianExplicit", dump);
    }

    private static string MadeByDcmtk(string syntax, string lengths)
    {
        var dir = TestData.TempDir();
        var dump = Path.Combine(dir, "ecg.dump");
        // The fixture declares ISO_IR 100: its text goes to dump2dcm in Latin-1.
        File.WriteAllText(dump, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Dicom", "Fixtures", "dcmtk-12-lead.dump")), Encoding.Latin1);
        var path = Path.Combine(dir, "dcmtk.dcm");
        var (code, output) = DicomTools.Run("dump2dcm", syntax, lengths, dump, path);
        Assert.True(code == 0, output);
        return path;
    }

    [DicomToolsTheory]
    [InlineData("+ti", "-e", DicomTags.ImplicitLittleEndian)]
    [InlineData("+te", "+e", DicomTags.ExplicitLittleEndian)]
    public void Files_made_by_dcmtk_read_with_coded_leads_calibration_and_annotations(string syntax, string lengths, string uid)
    {
        var path = MadeByDcmtk(syntax, lengths);
        var record = RecordFiles.Read(path);
        Assert.Equal(uid, record.Info.Metadata[DicomMetadataKeys.TransferSyntax]);
        Assert.Equal(["I", "II", "V1"], record.Info.Leads.Select(l => l.Name));
        Assert.All(record.Info.Leads, l => Assert.Equal("uV", l.Unit));
        Assert.Equal([0.4, 0.2, 0.4], record.Info.Leads.Select(l => l.Gain));
        Assert.Equal(10, record.Info.Leads[1].Baseline);
        Assert.Equal(500, record.Info.SamplingFrequency);
        Assert.Equal(4, record.Info.SampleCount);
        // Interleaved words 0001 0002 fffd | 0064 00c8 ff38 | 7fff 8000 0000 | 0010 0020 0030.
        Assert.Equal([1, 100, 32767, 16], record.Samples[0]);
        Assert.Equal([2, 200, -32768, 32], record.Samples[1]);
        Assert.Equal([-3, -200, 0, 48], record.Samples[2]);
        // Lead II: (sample + Channel Baseline -10) x 5 uV.
        Assert.Equal(-40, record.Info.Leads[1].ToPhysical(record.Samples[1][0]), 9);
        Assert.Equal("Müller^Jürgen", record.Info.Metadata[MetadataKeys.PatientName]);
        Assert.Equal(new DateOnly(2024, 1, 2), record.Info.StartDate);
        Assert.Equal(new TimeOnly(3, 4, 5, 500), record.Info.StartTime);
        Assert.Contains("2 MEDIAN: 1 channels x 2 samples at 500 Hz, SS (not read)", record.Info.Metadata[DicomMetadataKeys.MultiplexGroups]);
        // The heart-rate measurement is kept as a note; the annotation on the median beat group is not read.
        Assert.Equal([new Annotation(2, AnnotationCodes.Note, Aux: "Heart rate = 72")], record.Annotations["dicom"]);
    }

    [DicomToolsTheory]
    [InlineData("+ti", "-e")]
    [InlineData("+te", "+e")]
    public void Mutated_files_made_by_dcmtk_read_or_fail_with_a_format_error(string syntax, string lengths)
    {
        var valid = File.ReadAllBytes(MadeByDcmtk(syntax, lengths));
        var (read, refused) = Fuzz.Run(valid, Path.Combine(TestData.TempDir(), "m.dcm"), 1500, seed: 3);
        Assert.True(read > 20 && refused > 100, $"read {read}, refused {refused}: the mutations should produce both");
    }
}
