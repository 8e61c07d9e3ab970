using System.Text;
using Einthoven.Interop;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;
using FsCheck.Xunit;
using Hl7.Fhir.Model;

namespace Einthoven.Server.Tests.Units;

/// <summary>The ECG Observation mapping (Einthoven.Interop): lossless both ways, and its reader bounded and strict on hostile input.</summary>
public class FhirMappingTests
{
    private static readonly double[] Gains = [200, 1000, 0.5, 204.8, 3];
    private static readonly double[] Rates = [250, 360, 500, 1000, 128];

    [Property(MaxTest = 200)]
    public void Digital_samples_and_calibration_survive_the_trip_through_fhir_json(int[][] leads, byte gainSeed, byte rateSeed, short baseline)
    {
        var length = leads.Length == 0 ? 0 : leads.Min(l => l?.Length ?? 0);
        if (length == 0 || leads.Length > 16) return;
        var samples = leads.Select(l => l[..length]).ToArray();
        var gain = Gains[gainSeed % Gains.Length];
        var info = new RecordInfo
        {
            Name = "trip", SamplingFrequency = Rates[rateSeed % Rates.Length], SampleCount = length,
            Leads = samples.Select((_, i) => new LeadInfo { Name = i == 0 ? "II" : $"lead {i}", Gain = gain, Baseline = baseline }).ToList(),
        };
        var json = FhirJson.Serialize(EcgObservation.ToObservation("trip", Guid.NewGuid().ToString(), info, DateTimeOffset.UnixEpoch, samples));

        var back = EcgObservationReader.Read((Observation)FhirJson.Parse(json), new RecordLimits());

        Assert.Equal(samples, back.Samples);
        Assert.Equal(info.SamplingFrequency, back.Info.SamplingFrequency, 9);
        Assert.Equal(info.Leads.Select(l => l.Name), back.Info.Leads.Select(l => l.Name));
        Assert.All(back.Info.Leads, l => Assert.Equal(gain, l.Gain, 9));
        Assert.All(back.Info.Leads, l => Assert.Equal(baseline, l.Baseline + l.BaselineFraction, 6));
    }

    [Property(MaxTest = 100)]
    public void Decimal_data_keep_their_physical_values_to_a_thousandth_of_a_step(int[] thousandths, byte originSeed)
    {
        if (thousandths.Length == 0) return;
        var origin = originSeed / 10m - 10m;
        var data = thousandths.Select(t => t / 1000m).ToArray();
        var observation = new Observation
        {
            Status = ObservationStatus.Final,
            Code = new CodeableConcept(FhirCodes.Mdc, FhirCodes.EcgWaveform),
            Component = [new Observation.ComponentComponent
            {
                Code = FhirCodes.Lead("V2"),
                Value = new SampledData { Origin = new Quantity(origin, "mV"), Period = 2, Factor = 0.01m, Dimensions = 1, Data = string.Join(' ', data) },
            }],
        };
        var back = EcgObservationReader.Read(observation, new RecordLimits());
        var lead = back.Info.Leads[0];
        for (var i = 0; i < data.Length; i++)
            Assert.Equal((double)(origin + data[i] * 0.01m), lead.ToPhysical(back.Samples[0][i]), 1e-5);
        Assert.Equal(500, back.Info.SamplingFrequency, 9);
    }

    /// <summary>Truncated, corrupted and spliced observations: the parser and reader refuse them with their own errors, nothing else escapes.</summary>
    [Property(MaxTest = 2500)]
    public void Mangled_observations_are_refused_with_a_named_reason(int seed)
    {
        var random = new Random(seed);
        var record = Hosting.TestRecords.Synthetic("fuzz", seconds: 2, seed: 1 + (seed & 7));
        var text = new StringBuilder(FhirJson.Serialize(EcgObservation.ToObservation("fuzz", "p", record.Info, DateTimeOffset.UnixEpoch, record.Samples)));
        for (var edits = 1 + random.Next(4); edits > 0; edits--)
        {
            var at = random.Next(text.Length);
            switch (random.Next(3))
            {
                case 0: text.Length = at; break;
                case 1: text[at] = "{}[]\",:0123456789-. Eae"[random.Next(23)]; break;
                default: text.Insert(at, random.Next(2) == 0 ? " E " : "\"period\":0,"); break;
            }
        }
        Resource resource;
        try { resource = FhirJson.Parse(text.ToString()); }
        catch (InvalidFhirException e) { Assert.False(string.IsNullOrWhiteSpace(e.Message)); return; }
        if (resource is not Observation observation) return;
        try { EcgObservationReader.Read(observation, new RecordLimits()); }
        catch (SignalFormatException e) { Assert.StartsWith("Observation: ", e.Message); }
    }

    [Fact]
    public void More_leads_than_the_limits_allow_are_refused_before_their_data_are_read()
    {
        var observation = new Observation { Status = ObservationStatus.Final, Code = new CodeableConcept(FhirCodes.Mdc, FhirCodes.EcgWaveform) };
        for (var i = 0; i < 17; i++)
            observation.Component.Add(new Observation.ComponentComponent { Code = FhirCodes.Lead($"X{i}"), Value = new SampledData { Origin = new Quantity(0, "mV"), Period = 2, Dimensions = 1, Data = "not read" } });
        var error = Assert.Throws<SignalFormatException>(() => EcgObservationReader.Read(observation, new RecordLimits()));
        Assert.Equal(SignalProblem.TooLarge, error.Problem);
        Assert.Equal("component", error.Field);
    }

    [Fact]
    public void A_data_string_longer_than_the_samples_allowed_is_refused_before_it_is_split()
    {
        var observation = new Observation
        {
            Status = ObservationStatus.Final, Code = new CodeableConcept(FhirCodes.Mdc, FhirCodes.EcgWaveform),
            Value = new SampledData { Origin = new Quantity(0, "mV"), Period = 2, Dimensions = 1, Data = new string('1', 25 * 1001) },
        };
        var error = Assert.Throws<SignalFormatException>(() => EcgObservationReader.Read(observation, new RecordLimits { MaxSamplesPerLead = 1000 }));
        Assert.Equal((SignalProblem.TooLarge, "valueSampledData.data"), (error.Problem, error.Field));
    }

    [Property(MaxTest = 100)]
    public void Fitting_samples_keep_every_data_string_within_fhirs_limit(int seed)
    {
        var random = new Random(seed);
        var samples = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Enumerable.Range(0, 150_000 + random.Next(200_000))
            .Select(_ => random.Next(3) == 0 ? random.Next() - int.MaxValue / 2 : random.Next(-999, 999)).ToArray()).ToArray();
        var fitting = EcgObservation.FittingSamples(samples);
        Assert.All(samples, l => Assert.True(string.Join(' ', l[..fitting]).Length <= EcgObservation.MaxDataCharacters));
        if (fitting < samples.Min(l => l.Length))
            Assert.Contains(samples, l => string.Join(' ', l[..(fitting + 1)]).Length > EcgObservation.MaxDataCharacters);
    }
}
