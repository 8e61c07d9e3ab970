using System.Text.Json;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;

namespace Einthoven.Cli.Tests;

/// <summary><c>einthoven convert</c> writes and reads FHIR R4 ECG Observations (JSON) like any other format.</summary>
public class FhirCommandsTests
{
    private static readonly string TwelveLead = Path.Combine(TestData.PtbXl, "records100", "00000", "00001_lr");

    [Fact]
    public void Convert_to_a_fhir_observation_and_back_keeps_leads_and_samples()
    {
        var dir = TestData.TempDir();
        var json = Path.Combine(dir, "ecg.json");
        var (code, _, error) = CliHarness.Run("convert", TwelveLead, json);
        Assert.True(code == 0, error);
        using (var document = JsonDocument.Parse(File.ReadAllText(json)))
        {
            Assert.Equal("Observation", document.RootElement.GetProperty("resourceType").GetString());
            Assert.Equal(12, document.RootElement.GetProperty("component").GetArrayLength());
        }

        (code, var output, error) = CliHarness.Run("info", json, "--json");
        Assert.True(code == 0, error);
        using (var info = JsonDocument.Parse(output))
            Assert.Equal(100, info.RootElement.GetProperty("SamplingFrequency").GetDouble());

        var edf = Path.Combine(dir, "back.edf");
        (code, _, error) = CliHarness.Run("convert", json, edf);
        Assert.True(code == 0, error);
        var (original, back) = (RecordFiles.Read(TwelveLead), RecordFiles.Read(edf));
        Assert.Equal(original.Info.Leads.Select(l => l.Name), back.Info.Leads.Select(l => l.Name));
        for (var lead = 0; lead < 12; lead++)
            Assert.All(original.Physical(lead).Zip(back.Physical(lead)), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 1 / original.Info.Leads[lead].Gain));
    }

    [Fact]
    public void Bad_fhir_files_are_refused_with_the_field_and_a_long_record_as_too_long()
    {
        var dir = TestData.TempDir();
        var patient = Path.Combine(dir, "patient.json");
        File.WriteAllText(patient, """{ "resourceType": "Patient", "id": "p1" }""");
        var (code, _, error) = CliHarness.Run("info", patient);
        Assert.NotEqual(0, code);
        Assert.Contains("resourceType", error);

        var broken = Path.Combine(dir, "broken.json");
        File.WriteAllText(broken, """{ "resourceType": "Observation", "status": "final", "code": { "text": "ECG" }, "component": [ { "code": { "text": "I" }, "valueSampledData": { "origin": { "value": 0 }, "period": 10, "dimensions": 1, "data": "1 2 x" } } ] }""");
        (code, _, error) = CliHarness.Run("info", broken);
        Assert.NotEqual(0, code);
        Assert.Contains("broken.json", error);

        (code, _, error) = CliHarness.Run("convert", TestData.MitDbRecord("100"), Path.Combine(dir, "long.json"));
        Assert.NotEqual(0, code);
        Assert.Contains("1 MB", error);
    }
}
