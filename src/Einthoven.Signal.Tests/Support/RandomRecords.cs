using Einthoven.Signal.Records;

namespace Einthoven.Signal.Tests.Support;

/// <summary>Random but reproducible records for round-trip properties.</summary>
internal static class RandomRecords
{
    private static readonly double[] Gains = [200, 1000, 6.4, 12.5, 0.5, 100.25, 2000, 1];
    private static readonly string[] Units = ["mV", "uV", "V"];
    private static readonly string[] Beats = ["N", "V", "A", "L", "R", "/", "F", "j", "E", "Q", "~", "|", "+", "x", "["];
    private static readonly string[] Rhythms = ["(AFIB", "(N", "(VT", "(SBR", "(B", "(AFL"];
    private static readonly string[] Notes = ["MISSB", "Recording starts", "electrode moved", "PSE", "Hypopnea"];

    /// <param name="maxMagnitude">Largest absolute digital value; above 32767 the EDF writer has to rescale.</param>
    /// <param name="minGain">Smallest gain to use; tiny gains with huge digital values exceed EDF's physical fields.</param>
    public static EcgRecord Create(Random rng, int maxMagnitude = 2048, bool annotations = true, double minGain = 0)
    {
        var gains = Gains.Where(g => g >= minGain).ToArray();
        var leadCount = rng.Next(1, 5);
        var length = rng.Next(1, 2000);
        var fs = rng.Next(4) switch { 0 => 360, 1 => 250, 2 => 128.5, _ => 500 };
        var leads = Enumerable.Range(0, leadCount).Select(i => new LeadInfo
        {
            Name = $"L{i}",
            Unit = Units[rng.Next(Units.Length)],
            Gain = gains[rng.Next(gains.Length)],
            Baseline = rng.Next(-maxMagnitude / 2, maxMagnitude / 2),
        }).ToArray();
        var samples = leads.Select(_ =>
        {
            var low = rng.Next(-maxMagnitude, maxMagnitude);
            var high = rng.Next(low, maxMagnitude) + 1;
            return Enumerable.Range(0, length).Select(_ => rng.Next(low, high)).ToArray();
        }).ToArray();
        var start = new DateTime(2026, 11, 22).AddSeconds(rng.Next(-1_000_000_000, 1_000_000_000)).AddMilliseconds(rng.Next(2) * rng.Next(1000));
        var info = new RecordInfo
        {
            Name = "random",
            SamplingFrequency = fs,
            SampleCount = length,
            Leads = leads,
            StartDate = DateOnly.FromDateTime(start),
            StartTime = TimeOnly.FromDateTime(start),
            Metadata = new Dictionary<string, string>
            {
                [MetadataKeys.PatientId] = $"P{rng.Next(100000)}",
                [MetadataKeys.PatientName] = rng.Next(2) == 0 ? "Haagse Harry" : "Ann Smith",
                [MetadataKeys.Sex] = rng.Next(2) == 0 ? "M" : "F",
                [MetadataKeys.BirthDate] = new DateOnly(1930, 1, 1).AddDays(rng.Next(30000)).ToString("yyyy-MM-dd"),
                [MetadataKeys.RecordingId] = $"PSG-{rng.Next(1000)}/2026",
                [MetadataKeys.Technician] = "NN",
                [MetadataKeys.Device] = "Telemetry03",
            },
        };
        var set = annotations ? Annotations(rng, length) : [];
        return new EcgRecord(info, samples, set.Count > 0 ? new Dictionary<string, IReadOnlyList<Annotation>> { ["edf"] = set } : null);
    }

    private static List<Annotation> Annotations(Random rng, int length)
    {
        var list = new List<Annotation>();
        var count = rng.Next(0, 40);
        for (var i = 0; i < count; i++)
        {
            var sample = (long)rng.Next(length);
            list.Add(rng.Next(6) switch
            {
                0 => new Annotation(sample, AnnotationCodes.Rhythm, Aux: Rhythms[rng.Next(Rhythms.Length)]),
                1 => new Annotation(sample, AnnotationCodes.Note, Aux: Notes[rng.Next(Notes.Length)]),
                2 => new Annotation(sample, AnnotationCodes.Noise, Subtype: rng.Next(1, 4)),
                3 => new Annotation(sample, AnnotationCodes.Note, Aux: $"{Notes[rng.Next(Notes.Length)]} [duration={rng.Next(1, 300) / 10.0:0.#}s]"),
                4 => new Annotation(sample, AnnotationCodes.Normal, Channel: rng.Next(2), Number: rng.Next(3), Aux: rng.Next(2) == 0 ? null : "beat note"),
                _ => Annotation.FromSymbol(sample, Beats[rng.Next(Beats.Length)]),
            });
        }
        return [.. list.OrderBy(a => a.Sample)];
    }
}
