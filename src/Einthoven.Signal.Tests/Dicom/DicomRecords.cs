using Einthoven.Signal.Records;
using Einthoven.Signal.Synthesis;

namespace Einthoven.Signal.Tests.Dicom;

/// <summary>Synthetic records shaped for each ECG IOD, with annotations of several kinds.</summary>
internal static class DicomRecords
{
    public static readonly string[] TwelveLeads = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"];

    public static EcgRecord Synthetic(IReadOnlyList<string> leads, double rate, TimeSpan duration, int seed = 1)
    {
        var record = EcgSynthesizer.Generate(new SynthesisOptions
        {
            Name = "synthetic", SamplingFrequency = rate, Duration = duration, Leads = leads, Seed = seed, PvcProbability = 0.1,
            Start = new DateTime(2026, 11, 22, 10, 30, 15, 250),
        });
        var info = record.Info with
        {
            Metadata = new Dictionary<string, string>
            {
                [MetadataKeys.PatientId] = "MCH-0234567", [MetadataKeys.PatientName] = "Smith^Ann", [MetadataKeys.Sex] = "F",
                [MetadataKeys.BirthDate] = "1950-03-04", [MetadataKeys.Age] = "76",
            },
            Comments = ["resting ECG", "Aldomet, Inderal"],
        };
        var atr = record.Annotations["atr"].ToList();
        atr.Add(new Annotation(5, AnnotationCodes.Note, Aux: "electrode moved"));
        atr.Add(new Annotation(7, AnnotationCodes.Noise, Subtype: 2, Channel: 1, Number: 3));
        atr.Add(new Annotation(record.Info.SampleCount - 1, AnnotationCodes.Rhythm, Aux: "(AFIB"));
        return new EcgRecord(info, record.Samples, new Dictionary<string, IReadOnlyList<Annotation>> { ["atr"] = [.. atr.OrderBy(a => a.Sample)] });
    }

    /// <summary>Eight leads of the 12-lead set plus more: for the general ECG IOD, 16 leads.</summary>
    public static EcgRecord Sixteen(double rate, TimeSpan duration)
    {
        var twelve = Synthetic(TwelveLeads, rate, duration);
        string[] extra = ["V7", "V8", "V9", "V4R"];
        var leads = twelve.Info.Leads.Concat(extra.Select((n, i) => twelve.Info.Leads[6 + i] with { Name = n })).ToArray();
        var samples = twelve.Samples.Concat(twelve.Samples.Skip(6).Take(4).Select(s => s.Select(v => -v).ToArray())).ToArray();
        return new EcgRecord(twelve.Info with { Leads = leads }, samples, twelve.Annotations);
    }
}
