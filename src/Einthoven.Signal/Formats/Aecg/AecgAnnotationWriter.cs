using System.Globalization;
using System.Xml;
using Einthoven.Signal.Formats.Edf;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Aecg;

/// <summary>
/// Writes one annotation set as an aECG <c>annotationSet</c> with its author. A beat MDC has a code for is an
/// MDC_ECG_BEAT annotation (with the WFDB fields MDC cannot say in its text); any other annotation is a WFDB
/// annotation whose value is its EDF+-style text (<see cref="EdfAnnotationText"/>). Each is placed at its sample by a
/// time boundary: absolute when the record's start is known, relative to the first sample otherwise.
/// </summary>
internal static class AecgAnnotationWriter
{
    public static void WriteSet(XmlWriter x, RecordInfo info, string annotator, IReadOnlyList<Annotation> annotations, DateTime? start)
    {
        var author = AnnotationAuthors.Of(info, annotator) ?? DefaultAuthor(annotator);
        x.WriteStartElement("subjectOf");
        x.WriteStartElement("annotationSet");
        x.WriteStartElement("author");
        x.WriteStartElement("assignedEntity");
        x.WriteStartElement("assignedAuthorType");
        if (author.Kind == AnnotationAuthorKind.Device)
        {
            x.WriteStartElement("assignedDevice");
            if (author.Name.Length > 0) x.WriteElementString("softwareName", author.Name);
        }
        else
        {
            x.WriteStartElement("assignedPerson");
            if (author.Name.Length > 0) x.WriteElementString("name", author.Name);
        }
        x.WriteEndElement();
        x.WriteEndElement();
        x.WriteEndElement();
        x.WriteEndElement();
        foreach (var annotation in annotations) Write(x, info.SamplingFrequency, annotation, start);
        x.WriteEndElement();
        x.WriteEndElement();
    }

    private static AnnotationAuthor DefaultAuthor(string annotator) =>
        annotator == "atr" || annotator.StartsWith("aecg-physician", StringComparison.Ordinal)
            ? new AnnotationAuthor(AnnotationAuthorKind.Person, "")
            : new AnnotationAuthor(AnnotationAuthorKind.Device, "");

    private static void Write(XmlWriter x, double fs, Annotation annotation, DateTime? start)
    {
        var (text, duration) = EdfAnnotationText.Write(annotation);
        var beat = AecgCodes.BeatCode(annotation.Code);
        x.WriteStartElement("component");
        x.WriteStartElement("annotation");
        if (beat is not null && duration is null)
        {
            AecgWriter.Empty(x, "code", ("code", AecgCodes.Beat), ("codeSystem", AecgCodes.Mdc), ("codeSystemName", "MDC"));
            if (text != annotation.Symbol) x.WriteElementString("text", text);
            x.WriteStartElement("value");
            x.WriteAttributeString("type", AecgCodes.Xsi, "CE");
            x.WriteAttributeString("code", beat);
            x.WriteAttributeString("codeSystem", AecgCodes.Mdc);
            x.WriteAttributeString("codeSystemName", "MDC");
            x.WriteEndElement();
            Support(x, fs, annotation.Sample, 0, start);
        }
        else
        {
            AecgWriter.Empty(x, "code", ("code", AecgAnnotations.WfdbCode), ("codeSystemName", AecgAnnotations.WfdbSystem));
            x.WriteStartElement("value");
            x.WriteAttributeString("type", AecgCodes.Xsi, "ST");
            x.WriteString(text);
            x.WriteEndElement();
            Support(x, fs, annotation.Sample, duration ?? 0, start);
        }
        x.WriteEndElement();
        x.WriteEndElement();
    }

    private static void Support(XmlWriter x, double fs, long sample, decimal duration, DateTime? start)
    {
        x.WriteStartElement("support");
        x.WriteStartElement("supportingROI");
        x.WriteAttributeString("classCode", "ROIBND");
        AecgWriter.Empty(x, "code", ("code", "ROIPS"), ("codeSystem", AecgCodes.ActCode));
        x.WriteStartElement("component");
        x.WriteStartElement("boundary");
        AecgWriter.Empty(x, "code", ("code", start is null ? "TIME_RELATIVE" : "TIME_ABSOLUTE"), ("codeSystem", AecgCodes.ActCode));
        x.WriteStartElement("value");
        var ticks = AecgWriter.Ticks(sample, fs);
        var end = ticks + (long)(duration * TimeSpan.TicksPerSecond);
        if (start is { } s)
        {
            x.WriteAttributeString("type", AecgCodes.Xsi, "IVL_TS");
            AecgWriter.Empty(x, "low", ("value", AecgTime.Format(s.AddTicks(ticks))), ("inclusive", "true"));
            AecgWriter.Empty(x, "high", ("value", AecgTime.Format(s.AddTicks(end))), ("inclusive", "true"));
        }
        else
        {
            x.WriteAttributeString("type", AecgCodes.Xsi, "IVL_PQ");
            AecgWriter.Empty(x, "low", ("value", Seconds(ticks)), ("unit", "s"));
            AecgWriter.Empty(x, "high", ("value", Seconds(end)), ("unit", "s"));
        }
        x.WriteEndElement();
        x.WriteEndElement();
        x.WriteEndElement();
        x.WriteEndElement();
        x.WriteEndElement();
    }

    private static string Seconds(long ticks) => ((decimal)ticks / TimeSpan.TicksPerSecond).ToString(CultureInfo.InvariantCulture);
}
