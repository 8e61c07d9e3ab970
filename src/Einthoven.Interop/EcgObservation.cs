using System.Globalization;
using Einthoven.Signal.Records;
using Hl7.Fhir.Model;

namespace Einthoven.Interop;

/// <summary>
/// An ECG recording as a FHIR R4 Observation, as FHIR's own ECG example shapes it: code MDC_ECG_ELEC_POTL, one component
/// per lead coded with the lead's MDC code, its samples as SampledData (physical value = origin + factor x data, period in
/// milliseconds, one dimension). The digital samples travel unchanged: factor is 1/gain and origin the baseline's value.
/// </summary>
public static class EcgObservation
{
    /// <summary>The Observation of <paramref name="samples"/> (digital, per lead, all of the same length) described by <paramref name="info"/>.</summary>
    public static Observation ToObservation(string id, string patientId, RecordInfo info, DateTimeOffset start, int[][] samples, string? note = null)
    {
        var observation = new Observation
        {
            Id = id,
            Status = ObservationStatus.Final,
            Category = [FhirCodes.Category("procedure", "Procedure")],
            Code = new CodeableConcept(FhirCodes.Mdc, FhirCodes.EcgWaveform, "MDC_ECG_ELEC_POTL", "ECG"),
            Subject = new ResourceReference($"Patient/{patientId}"),
            Effective = new Period(new FhirDateTime(start), new FhirDateTime(start + info.Duration)),
        };
        if (note is not null) observation.Note.Add(new Hl7.Fhir.Model.Annotation { Text = new Markdown(note) });
        for (var lead = 0; lead < info.Leads.Count; lead++)
        {
            var l = info.Leads[lead];
            observation.Component.Add(new Observation.ComponentComponent
            {
                Code = FhirCodes.Lead(l.Name),
                Value = new SampledData
                {
                    Origin = Quantity(-(l.Baseline + l.BaselineFraction) / l.Gain, l.Unit),
                    PeriodElement = new FhirDecimal(Decimal(1000 / info.SamplingFrequency)),
                    FactorElement = new FhirDecimal(Decimal(1 / l.Gain)),
                    Dimensions = 1,
                    Data = string.Join(' ', samples[lead].Select(s => s.ToString(CultureInfo.InvariantCulture))),
                },
            });
        }
        return observation;
    }

    /// <summary>FHIR's limit on a string (1 MB): no SampledData.data may be longer.</summary>
    public const int MaxDataCharacters = 1_000_000;

    /// <summary>How many samples of each lead, from the first, fit in data strings within <see cref="MaxDataCharacters"/>.</summary>
    public static int FittingSamples(int[][] samples)
    {
        var fitting = samples.Length == 0 ? 0 : samples.Min(l => l.Length);
        foreach (var lead in samples)
        {
            long characters = -1;
            for (var i = 0; i < fitting; i++)
            {
                characters += 1 + Digits(lead[i]);
                if (characters > MaxDataCharacters) { fitting = i; break; }
            }
        }
        return fitting;
    }

    private static int Digits(int value) => value == int.MinValue ? 11 : (value < 0 ? 1 : 0) + (int)Math.Floor(Math.Log10(Math.Max(1, Math.Abs((long)value)))) + 1;

    /// <summary>A value in a unit, coded in UCUM when the unit is one of the ECG's (mV, uV, V).</summary>
    public static Quantity Quantity(double value, string unit)
    {
        var ucum = unit switch { "mV" or "uV" or "V" => unit, "µV" or "μV" => "uV", _ => null };
        return new Quantity { Value = Decimal(value), Unit = unit, System = ucum is null ? null : FhirCodes.Ucum, Code = ucum };
    }

    /// <summary>A double as a decimal of at most 15 significant digits (what a double holds exactly).</summary>
    public static decimal Decimal(double value) => decimal.Parse(value.ToString("G15", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
}
