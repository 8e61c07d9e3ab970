using System.Text.Json;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;

namespace Einthoven.Cli.Tests;

public class DicomCommandsTests
{
    [Fact]
    public void Convert_to_dicom_and_back_keeps_samples_and_annotations_and_info_shows_the_dicom_metadata()
    {
        var dir = TestData.TempDir();
        var dcm = Path.Combine(dir, "x.dcm");
        var (code, output, error) = CliHarness.Run("convert", TestData.MitDbRecord("100"), dcm);
        Assert.True(code == 0, error);
        Assert.Contains("(dicom)", output);

        var back = Path.Combine(dir, "back.hea");
        (code, _, error) = CliHarness.Run("convert", dcm, back);
        Assert.True(code == 0, error);
        var original = RecordFiles.Read(TestData.MitDbRecord("100"));
        var copy = RecordFiles.Read(back);
        for (var lead = 0; lead < 2; lead++)
            Assert.True(original.Samples[lead].AsSpan().SequenceEqual(copy.Samples[lead]));
        Assert.Equal(original.Annotations["atr"].Select(a => (a.Sample, a.Code)), copy.Annotations["dicom"].Select(a => (a.Sample, a.Code)));

        (code, output, error) = CliHarness.Run("info", dcm, "--json");
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var metadata = json.RootElement.GetProperty("Metadata");
        Assert.Equal("1.2.840.10008.5.1.4.1.1.9.1.3 (Ambulatory ECG Waveform Storage)", metadata.GetProperty("dicom_sop_class").GetString());
        Assert.Equal("1 RHYTHM: 2 channels x 650,000 samples at 360 Hz, SS", metadata.GetProperty("dicom_multiplex_groups").GetString());
        Assert.Equal(["MLII", "V5"], json.RootElement.GetProperty("Leads").EnumerateArray().Select(l => l.GetProperty("Name").GetString()));
        Assert.Equal(2239, json.RootElement.GetProperty("AnnotationCounts").GetProperty("dicom").GetProperty("N").GetInt32());

        (code, output, _) = CliHarness.Run("info", dcm);
        Assert.Equal(0, code);
        // The table wraps long values; the keys are there.
        Assert.Contains("dicom_sop_class", output);
        Assert.Contains("dicom_multiplex_groups", output);
    }

    [Fact]
    public void A_damaged_dicom_file_is_reported_naming_the_file_and_field()
    {
        var path = Path.Combine(TestData.TempDir(), "bad.dcm");
        File.WriteAllBytes(path, new byte[200]);
        var (code, _, error) = CliHarness.Run("info", path);
        Assert.NotEqual(0, code);
        Assert.Contains(path, error);
        Assert.Contains("DICM", error);
    }
}
