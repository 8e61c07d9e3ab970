using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Aecg;

/// <summary>
/// Writes a record as an HL7 aECG (PORT_MT020001) document: one rhythm series whose sequence set holds the time axis and
/// every lead's digits with origin and scale chosen so that the digits are the record's samples exactly, and one
/// annotation set per annotator, authored by a device or a person (<see cref="AnnotationAuthors"/>; without a recorded
/// author, "atr" — WFDB's reference, reviewed by cardiologists — and "aecg-physician…" sets are a person's, every other
/// set a device's). aECG stores each lead in one run, so the source is read once per lead, window by window.
/// </summary>
internal static class AecgWriter
{
    public static void Write(ISignalReader source, string path)
    {
        var info = source.Info;
        if (info.Leads.Count == 0) throw new ArgumentException($"record '{info.Name}' has no leads; aECG needs at least one", nameof(source));
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, IndentChars = " " };
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var x = XmlWriter.Create(stream, settings);
        var start = info.Start;
        var id = Id(info);
        x.WriteStartDocument();
        x.WriteStartElement("AnnotatedECG", "urn:hl7-org:v3");
        x.WriteAttributeString("xmlns", "xsi", null, AecgCodes.Xsi);
        x.WriteAttributeString("schemaLocation", AecgCodes.Xsi, "urn:hl7-org:v3 PORT_MT020001.xsd");
        x.WriteAttributeString("classCode", "OBS");
        x.WriteAttributeString("moodCode", "EVN");
        Empty(x, "id", ("root", id + "0"));
        Empty(x, "code", ("code", "93000"), ("codeSystem", "2.16.840.1.113883.6.12"), ("codeSystemName", "CPT-4"));
        EffectiveTime(x, info);
        Subject(x, info.Metadata);

        x.WriteStartElement("component");
        x.WriteStartElement("series");
        Empty(x, "id", ("root", id + "1"));
        Empty(x, "code", ("code", "RHYTHM"), ("codeSystem", AecgCodes.ActCode));
        EffectiveTime(x, info);
        if (info.Metadata.TryGetValue(MetadataKeys.Device, out var device))
        {
            x.WriteStartElement("author");
            x.WriteStartElement("seriesAuthor");
            x.WriteStartElement("manufacturedSeriesDevice");
            x.WriteElementString("manufacturerModelName", device);
            x.WriteEndElement();
            x.WriteEndElement();
            x.WriteEndElement();
        }
        x.WriteStartElement("component");
        x.WriteStartElement("sequenceSet");
        TimeSequence(x, info, start);
        for (var lead = 0; lead < info.Leads.Count; lead++) LeadSequence(x, source, lead);
        x.WriteEndElement();
        x.WriteEndElement();
        foreach (var (annotator, annotations) in SignalWindows.Annotations(source))
            AecgAnnotationWriter.WriteSet(x, info, annotator, annotations, start);
        x.WriteEndElement();
        x.WriteEndElement();
        x.WriteEndElement();
    }

    /// <summary>A UUID prefix from the record's name, start and length: the same record always gives the same document.</summary>
    private static string Id(RecordInfo info)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{info.Name}|{info.Start:O}|{info.SampleCount}|{info.SamplingFrequency}"));
        return new Guid(hash.AsSpan(0, 16)).ToString()[..^1];
    }

    private static void EffectiveTime(XmlWriter x, RecordInfo info)
    {
        x.WriteStartElement("effectiveTime");
        if (info.Start is { } start)
        {
            Empty(x, "low", ("value", AecgTime.Format(start)), ("inclusive", "true"));
            Empty(x, "high", ("value", AecgTime.Format(start.AddTicks(Ticks(info.SampleCount, info.SamplingFrequency)))), ("inclusive", "false"));
        }
        else if (info.StartDate is { } date) Empty(x, "low", ("value", AecgTime.Format(date)));
        else Empty(x, "low", ("nullFlavor", "UNK"));
        x.WriteEndElement();
    }

    public static long Ticks(long sample, double fs) => (long)Math.Round(sample * (decimal)TimeSpan.TicksPerSecond / (decimal)fs);

    private static void Subject(XmlWriter x, IReadOnlyDictionary<string, string> metadata)
    {
        foreach (var element in new[] { "componentOf", "timepointEvent", "componentOf", "subjectAssignment", "subject", "trialSubject" })
            x.WriteStartElement(element);
        if (metadata.TryGetValue(MetadataKeys.PatientId, out var patient)) Empty(x, "id", ("extension", patient));
        else Empty(x, "id", ("nullFlavor", "UNK"));
        x.WriteStartElement("subjectDemographicPerson");
        if (metadata.TryGetValue(MetadataKeys.PatientName, out var name)) x.WriteElementString("name", name);
        var sex = metadata.GetValueOrDefault(MetadataKeys.Sex) is "M" or "F" ? metadata[MetadataKeys.Sex] : "UN";
        Empty(x, "administrativeGenderCode", ("code", sex), ("codeSystem", "2.16.840.1.113883.5.1"));
        if (metadata.TryGetValue(MetadataKeys.BirthDate, out var birth)
            && DateOnly.TryParseExact(birth, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born))
            Empty(x, "birthTime", ("value", AecgTime.Format(born)));
        x.WriteEndElement(); // subjectDemographicPerson
        x.WriteEndElement(); // trialSubject
        x.WriteEndElement(); // subject
        x.WriteStartElement("componentOf");
        x.WriteStartElement("clinicalTrial");
        Empty(x, "id", ("nullFlavor", "NI"));
        x.WriteEndElement();
        x.WriteEndElement();
        for (var i = 0; i < 3; i++) x.WriteEndElement(); // subjectAssignment, componentOf, timepointEvent
        x.WriteEndElement(); // componentOf
    }

    private static void TimeSequence(XmlWriter x, RecordInfo info, DateTime? start)
    {
        var fs = info.SamplingFrequency;
        // Exact for this reader, and within a part per billion for readers that take 1 / increment as it is.
        var increment = AecgNumbers.Shortest(1 / fs, t => AecgNumbers.Frequency(t, Parse(t)) == fs && Math.Abs(1 / Parse(t) - fs) <= fs * 1e-9);
        x.WriteStartElement("component");
        x.WriteStartElement("sequence");
        Empty(x, "code", ("code", start is null ? "TIME_RELATIVE" : "TIME_ABSOLUTE"), ("codeSystem", AecgCodes.ActCode));
        x.WriteStartElement("value");
        x.WriteAttributeString("type", AecgCodes.Xsi, start is null ? "GLIST_PQ" : "GLIST_TS");
        if (start is { } s) Empty(x, "head", ("value", AecgTime.Format(s)));
        else Empty(x, "head", ("value", "0"), ("unit", "s"));
        Empty(x, "increment", ("value", increment), ("unit", "s"));
        x.WriteEndElement();
        x.WriteEndElement();
        x.WriteEndElement();
    }

    private static void LeadSequence(XmlWriter x, ISignalReader source, int lead)
    {
        var info = source.Info.Leads[lead];
        var (scale, origin) = Calibration(info);
        var unit = PhysicalUnits.Normalise(info.Unit);
        x.WriteStartElement("component");
        x.WriteStartElement("sequence");
        if (AecgCodes.LeadCode(info.Name) is { } code)
            Empty(x, "code", ("code", code), ("codeSystem", AecgCodes.Mdc), ("codeSystemName", "MDC"));
        else
            Empty(x, "code", ("code", info.Name));
        x.WriteStartElement("value");
        x.WriteAttributeString("type", AecgCodes.Xsi, "SLIST_PQ");
        Empty(x, "origin", ("value", origin), ("unit", unit));
        Empty(x, "scale", ("value", scale), ("unit", unit));
        x.WriteStartElement("digits");
        var buffer = new char[1 << 16];
        var (used, first) = (0, true);
        foreach (var block in SignalWindows.Of(source))
            foreach (var value in block.Samples[lead])
            {
                if (used > buffer.Length - 12)
                {
                    x.WriteRaw(buffer, 0, used);
                    used = 0;
                }
                if (!first) buffer[used++] = ' ';
                first = false;
                value.TryFormat(buffer.AsSpan(used), out var n, default, CultureInfo.InvariantCulture);
                used += n;
            }
        x.WriteRaw(buffer, 0, used);
        x.WriteEndElement();
        x.WriteEndElement();
        x.WriteEndElement();
        x.WriteEndElement();
    }

    /// <summary>Scale and origin texts that read back as exactly the lead's gain and baseline.</summary>
    private static (string Scale, string Origin) Calibration(LeadInfo lead)
    {
        var expected = (lead.Gain, lead.Baseline, lead.BaselineFraction);
        var scale = AecgNumbers.Shortest(1 / lead.Gain, t => AecgNumbers.Calibration(0, Parse(t)).Gain == lead.Gain);
        var origin = AecgNumbers.Shortest(-(lead.Baseline + lead.BaselineFraction) / lead.Gain,
            t => AecgNumbers.Calibration(Parse(t), Parse(scale)) == expected);
        return (scale, origin);
    }

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    public static void Empty(XmlWriter x, string name, params (string Name, string Value)[] attributes)
    {
        x.WriteStartElement(name);
        foreach (var (n, v) in attributes) x.WriteAttributeString(n, v);
        x.WriteEndElement();
    }
}
