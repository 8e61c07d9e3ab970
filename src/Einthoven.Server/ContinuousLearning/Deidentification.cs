using System.Globalization;
using System.Text.RegularExpressions;
using Einthoven.Signal.Records;

namespace Einthoven.Server.ContinuousLearning;

/// <summary>
/// What of a record's description a dataset keeps: the samples' calibration, standard lead names, the age in a
/// ten-year band (90 and over as "90+") and the sex. The name becomes a pseudonym; the date and time, header comments
/// and every other metadata field (patient id, name, birth date, device, site, technician, ...) are dropped; a lead
/// name that is not a standard one becomes "ECGn", and a unit other than V, mV, uV or nV becomes "?" (free text could
/// carry a name).
/// </summary>
public static partial class Deidentification
{
    public static RecordInfo Scrub(RecordInfo info, string recordName) => new()
    {
        Name = recordName,
        SamplingFrequency = info.SamplingFrequency,
        SampleCount = info.SampleCount,
        Leads = info.Leads.Select((lead, i) => lead with { Name = LeadName(lead.Name, i), Unit = Unit(lead.Unit) }).ToArray(),
        Metadata = Metadata(info.Metadata),
    };

    /// <summary>Age as a ten-year band ("40-49", "90+"), or null when the age is not a plain number of years.</summary>
    public static string? AgeBand(string? age)
    {
        if (!int.TryParse(age?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var years) || years > 150) return null;
        if (years >= 90) return "90+";
        var low = years / 10 * 10;
        return $"{low}-{low + 9}";
    }

    private static Dictionary<string, string> Metadata(IReadOnlyDictionary<string, string> metadata)
    {
        var kept = new Dictionary<string, string>(StringComparer.Ordinal);
        if (AgeBand(metadata.GetValueOrDefault(MetadataKeys.Age)) is { } band) kept[MetadataKeys.Age] = band;
        if (metadata.GetValueOrDefault(MetadataKeys.Sex) is "M" or "F") kept[MetadataKeys.Sex] = metadata[MetadataKeys.Sex];
        return kept;
    }

    private static string LeadName(string name, int index) => StandardLead().IsMatch(name.Trim()) ? name.Trim() : $"ECG{index + 1}";

    private static string Unit(string unit) => unit.Trim() is "V" or "mV" or "uV" or "µV" or "nV" ? unit.Trim() : "?";

    [GeneratedRegex(@"^(I|II|III|aVR|aVL|aVF|V[1-9]|V|MLI{1,3}|ML[1-3]|MV[1-9]|CM[1-9]|D[1-3]|X|Y|Z|ECG[0-9]?|Lead ?[0-9]{1,2})$", RegexOptions.IgnoreCase)]
    private static partial Regex StandardLead();
}
