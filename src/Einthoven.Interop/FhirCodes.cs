using Hl7.Fhir.Model;

namespace Einthoven.Interop;

/// <summary>The code systems and codes the FHIR resources use: LOINC for measurements, ISO/IEEE 11073-10101 (MDC) for ECG leads.</summary>
public static class FhirCodes
{
    public const string Loinc = "http://loinc.org";
    /// <summary>ISO/IEEE 11073-10101 as FHIR's ECG example names it (its OID).</summary>
    public const string Mdc = "urn:oid:2.16.840.1.113883.6.24";
    public const string Ucum = "http://unitsofmeasure.org";
    public const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";
    public const string DiagnosticService = "http://terminology.hl7.org/CodeSystem/v2-0074";
    /// <summary>Einthoven's own codes for the rhythm labels and the 12-lead model's statements (no standard code fits each).</summary>
    public const string EinthovenRhythm = "https://einthoven.org/fhir/CodeSystem/rhythm";
    public const string EinthovenStatement = "https://einthoven.org/fhir/CodeSystem/ecg-statement";

    /// <summary>MDC_ECG_ELEC_POTL: the whole multi-lead ECG waveform.</summary>
    public const string EcgWaveform = "131328";

    public const string HeartRate = "8867-4", PrInterval = "8625-6", QrsDuration = "8633-0", QtInterval = "8634-8", QtcInterval = "8636-3";
    /// <summary>LOINC 11524-6 "EKG study": the code of the analysis report.</summary>
    public const string EkgStudy = "11524-6";

    /// <summary>MDC electrical-potential codes of the standard leads, by lead name (MDC_ECG_ELEC_POTL_I = 131329 ...).</summary>
    public static readonly IReadOnlyDictionary<string, (string Code, string Display)> Leads = new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase)
    {
        ["I"] = ("131329", "MDC_ECG_ELEC_POTL_I"),
        ["II"] = ("131330", "MDC_ECG_ELEC_POTL_II"),
        ["V1"] = ("131331", "MDC_ECG_ELEC_POTL_V1"),
        ["V2"] = ("131332", "MDC_ECG_ELEC_POTL_V2"),
        ["V3"] = ("131333", "MDC_ECG_ELEC_POTL_V3"),
        ["V4"] = ("131334", "MDC_ECG_ELEC_POTL_V4"),
        ["V5"] = ("131335", "MDC_ECG_ELEC_POTL_V5"),
        ["V6"] = ("131336", "MDC_ECG_ELEC_POTL_V6"),
        ["III"] = ("131389", "MDC_ECG_ELEC_POTL_III"),
        ["aVR"] = ("131390", "MDC_ECG_ELEC_POTL_AVR"),
        ["aVL"] = ("131391", "MDC_ECG_ELEC_POTL_AVL"),
        ["aVF"] = ("131392", "MDC_ECG_ELEC_POTL_AVF"),
    };

    /// <summary>The lead's MDC coding when it is a standard lead (MLII counts as II); its name as text either way.</summary>
    public static CodeableConcept Lead(string name)
    {
        var key = name is "MLII" or "ML2" ? "II" : name;
        var concept = new CodeableConcept { Text = name };
        if (Leads.TryGetValue(key, out var lead)) concept.Coding.Add(new Coding(Mdc, lead.Code, lead.Display));
        return concept;
    }

    /// <summary>The lead name of a component: its text, else the standard lead its MDC code names.</summary>
    public static string? LeadName(CodeableConcept? code)
    {
        if (code is null) return null;
        if (!string.IsNullOrWhiteSpace(code.Text)) return code.Text.Trim();
        foreach (var coding in code.Coding.Where(c => c.System == Mdc))
            foreach (var (name, lead) in Leads)
                if (lead.Code == coding.Code) return name;
        return null;
    }

    public static CodeableConcept LoincConcept(string code, string display) => new(Loinc, code, display, display);

    public static CodeableConcept Category(string code, string display) => new(ObservationCategory, code, display, null);
}
