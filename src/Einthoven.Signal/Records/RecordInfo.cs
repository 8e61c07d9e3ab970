namespace Einthoven.Signal.Records;

/// <summary>Everything about a record except its samples and annotations.</summary>
public sealed record RecordInfo
{
    public required string Name { get; init; }
    /// <summary>Samples per second per lead (WFDB frame frequency).</summary>
    public required double SamplingFrequency { get; init; }
    /// <summary>WFDB counter frequency, when the header gives one (<c>fs/counterfreq</c>).</summary>
    public double? CounterFrequency { get; init; }
    /// <summary>WFDB base counter value (only meaningful with a counter frequency).</summary>
    public double BaseCounter { get; init; }
    /// <summary>Date of the first sample, when known.</summary>
    public DateOnly? StartDate { get; init; }
    /// <summary>Time of day of the first sample, when known.</summary>
    public TimeOnly? StartTime { get; init; }
    /// <summary>Number of samples in each lead.</summary>
    public required long SampleCount { get; init; }
    public required IReadOnlyList<LeadInfo> Leads { get; init; }
    /// <summary>Free-text header comments, in order, without the comment marker.</summary>
    public IReadOnlyList<string> Comments { get; init; } = [];
    /// <summary>Patient and recording metadata (keys in <see cref="MetadataKeys"/> where they apply).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    public TimeSpan Duration => TimeSpan.FromSeconds(SampleCount / SamplingFrequency);

    /// <summary>Start as a date-time when both parts are known.</summary>
    public DateTime? Start => StartDate is { } d && StartTime is { } t ? d.ToDateTime(t) : null;

    public int LeadIndex(string name)
    {
        for (var i = 0; i < Leads.Count; i++)
            if (string.Equals(Leads[i].Name, name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    /// <summary>Index of limb lead II under any of its names (II, MLII, ML2, as in MIT-BIH), or -1.</summary>
    public int LeadIIIndex() => LeadIINames.Select(LeadIndex).FirstOrDefault(i => i >= 0, -1);

    private static readonly string[] LeadIINames = ["II", "MLII", "ML2"];
}

/// <summary>Well-known metadata keys shared by all formats.</summary>
public static class MetadataKeys
{
    public const string PatientId = "patient_id";
    public const string PatientName = "patient_name";
    public const string Age = "age";
    public const string Sex = "sex";
    public const string BirthDate = "birth_date";
    public const string Height = "height";
    public const string Weight = "weight";
    public const string Device = "device";
    public const string Site = "site";
    public const string Technician = "technician";
    public const string RecordingId = "recording_id";
}
