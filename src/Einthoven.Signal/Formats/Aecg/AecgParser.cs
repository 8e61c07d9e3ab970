using System.Text;
using System.Xml;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Aecg;

/// <summary>
/// One streaming pass over an aECG file with an <see cref="XmlReader"/> (no DTD, no external entities): the patient,
/// the first rhythm series' sequences (digits decoded chunk by chunk) and its annotation sets. Representative-beat
/// series (derivedSeries) and further series are skipped. Every text is bounded before it is kept.
/// </summary>
internal sealed class AecgParser
{
    private const int MaxDepth = 64;
    private const int MaxText = 1024;
    private const int MaxSequences = 65;
    private const string Subject = "AnnotatedECG/componentOf/timepointEvent/componentOf/subjectAssignment/subject/trialSubject/";
    private const string Person = "author/assignedEntity/assignedAuthorType/assignedPerson";
    private const string Device = "author/assignedEntity/assignedAuthorType/assignedDevice";

    private readonly string _path;
    private readonly RecordLimits _limits;
    private readonly AecgDocument _doc = new();
    private readonly List<string> _elements = [];
    private readonly Stack<(AecgAnnotation Annotation, int Depth)> _annotations = new();
    private int _seriesDepth = -1, _sequenceDepth = -1, _setDepth = -1;
    private bool _seriesSeen;
    private AecgSequence? _sequence;
    private AecgAnnotationSet? _set;
    private AecgDigits? _digits;
    private StringBuilder? _text;
    private Action<string>? _textTarget;
    private int _textDepth = -1;
    private long _samples;

    private AecgParser(string path, RecordLimits limits) => (_path, _limits) = (path, limits);

    public static AecgDocument Parse(string path, RecordLimits limits)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true,
            IgnoreProcessingInstructions = true, IgnoreWhitespace = true, CloseInput = true,
        };
        var parser = new AecgParser(path, limits);
        try
        {
            using var reader = XmlReader.Create(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), settings);
            parser.Run(reader);
        }
        catch (XmlException e)
        {
            throw new SignalFormatException(path, $"XML at line {e.LineNumber}, position {e.LinePosition}", e.Message, e);
        }
        return parser._doc;
    }

    private void Run(XmlReader reader)
    {
        var chunk = new char[1 << 14];
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (_elements.Count == 0 && reader.LocalName != "AnnotatedECG")
                        throw new SignalFormatException(_path, "root element", $"'{reader.LocalName}' is not an HL7 AnnotatedECG");
                    if (_elements.Count >= MaxDepth) throw new SignalFormatException(_path, reader.LocalName, $"elements nested more than {MaxDepth} deep");
                    _elements.Add(reader.LocalName);
                    Start(reader);
                    if (reader.IsEmptyElement) End();
                    break;
                case XmlNodeType.EndElement:
                    End();
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace:
                    if (_digits is not null)
                        for (int n; (n = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0;) _digits.Add(chunk.AsSpan(0, n));
                    else if (_text is not null)
                        {
                        for (int n; (n = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0;)
                        {
                            if (_text.Length + n + 1 > MaxText) throw new SignalFormatException(_path, Field(), $"text longer than {MaxText} characters");
                            _text.Append(chunk, 0, n);
                        }
                        _text.Append(' ');
                        }
                    break;
            }
        }
    }

    private string Field() => string.Join('/', _elements);

    private string Relative(int depth) => depth < 0 || depth >= _elements.Count ? "" : string.Join('/', _elements.Skip(depth + 1));

    private void Start(XmlReader r)
    {
        var depth = _elements.Count - 1;
        var name = r.LocalName;
        var full = Field();
        if (full == "AnnotatedECG/effectiveTime/low") _doc.EffectiveLow = Attribute(r, "value");
        else if (full == Subject + "id") Keep(MetadataKeys.PatientId, Attribute(r, "extension"));
        else if (full == Subject + "subjectDemographicPerson/name") CollectText(t => Keep(MetadataKeys.PatientName, t));
        else if (full == Subject + "subjectDemographicPerson/administrativeGenderCode") Keep(MetadataKeys.Sex, Attribute(r, "code") is "M" or "F" ? r.GetAttribute("code") : null);
        else if (full == Subject + "subjectDemographicPerson/birthTime" && Attribute(r, "value") is { } birth && AecgTime.Parse(birth) is { } b)
            Keep(MetadataKeys.BirthDate, b.Time.ToString("yyyy-MM-dd"));
        else if (full == "AnnotatedECG/component/series/author/seriesAuthor/manufacturedSeriesDevice/manufacturerModelName" && _seriesDepth >= 0)
            CollectText(t => Keep(MetadataKeys.Device, t));
        else if (full == "AnnotatedECG/component/series")
        {
            if (_seriesSeen) _doc.IgnoredSeries++;
            else _seriesDepth = depth;
            _seriesSeen = true;
        }
        if (_seriesDepth < 0) return;

        var inSeries = Relative(_seriesDepth);
        if (inSeries == "component/sequenceSet/component/sequence")
        {
            if (_doc.Sequences.Count >= MaxSequences) throw new SignalFormatException(_path, "sequenceSet", $"more than {MaxSequences} sequences");
            _sequence = new AecgSequence();
            _sequenceDepth = depth;
            _doc.Sequences.Add(_sequence);
        }
        else if (inSeries == "subjectOf/annotationSet")
        {
            _set = new AecgAnnotationSet();
            _setDepth = depth;
            _doc.AnnotationSets.Add(_set);
        }
        else if (_sequence is not null) StartInSequence(r, Relative(_sequenceDepth));
        else if (_set is not null) StartInSet(r, name, depth);
    }

    private void StartInSequence(XmlReader r, string at)
    {
        var s = _sequence!;
        switch (at)
        {
            case "code": s.Code = Attribute(r, "code"); break;
            case "value": s.Type = XsiType(r); break;
            case "value/head": s.Head = Quantity(r); break;
            case "value/increment": s.Increment = Quantity(r); break;
            case "value/origin": s.Origin = Quantity(r); break;
            case "value/scale": s.Scale = Quantity(r); break;
            case "value/digits":
                var field = $"sequence {_doc.Sequences.Count} ('{s.Code}') digits";
                if (s.Digits is not null) throw new SignalFormatException(_path, field, "a sequence has more than one digits element");
                var perLead = Math.Min(_limits.MaxSamplesPerLead, _limits.MaxTotalSamples - _samples);
                _digits = new AecgDigits(_path, field, Math.Max(0, perLead));
                break;
        }
    }

    private void StartInSet(XmlReader r, string name, int depth)
    {
        var set = _set!;
        var at = Relative(_setDepth);
        if (at == Device) set.Kind = AnnotationAuthorKind.Device;
        else if (at == Person) set.Kind = AnnotationAuthorKind.Person;
        else if (at is Device + "/softwareName" or Device + "/manufacturerModelName" or Person + "/name")
            CollectText(t => { if (t.Length > 0 && set.AuthorNames.Count < 8) set.AuthorNames.Add(t); });
        if (name == "annotation")
        {
            _annotations.Push((new AecgAnnotation(), depth));
            return;
        }
        if (_annotations.Count == 0) return;
        var (a, annotationDepth) = _annotations.Peek();
        switch (Relative(annotationDepth))
        {
            case "code":
                a.Code = Attribute(r, "code");
                a.CodeSystemName = Attribute(r, "codeSystemName");
                break;
            case "text": CollectText(t => a.Text = t); break;
            case "value":
                a.ValueType = XsiType(r);
                a.ValueCode = Attribute(r, "code");
                a.ValueNumber = Attribute(r, "value");
                a.ValueUnit = Attribute(r, "unit");
                CollectText(t => a.ValueText = t);
                break;
            case "support/supportingROI/component/boundary/code":
                var code = Attribute(r, "code");
                if (code is "TIME_ABSOLUTE" or "TIME_RELATIVE") a.TimeCode = code;
                else a.Lead = code;
                break;
            case "support/supportingROI/component/boundary/value/low": a.Low = Quantity(r); break;
            case "support/supportingROI/component/boundary/value/high": a.High = Quantity(r); break;
        }
    }

    private void End()
    {
        var depth = _elements.Count - 1;
        if (_digits is not null && Relative(_sequenceDepth) == "value/digits")
        {
            _sequence!.Digits = _digits.Finish();
            _samples += _sequence.Digits.Length;
            _digits = null;
        }
        if (_text is not null && depth == _textDepth)
        {
            _textTarget!(_text.ToString().Trim());
            (_text, _textTarget, _textDepth) = (null, null, -1);
        }
        if (_annotations.Count > 0 && _annotations.Peek().Depth == depth)
        {
            var (done, _) = _annotations.Pop();
            if (_annotations.Count > 0) _annotations.Peek().Annotation.Children.Add(done);
            else _set?.Annotations.Add(done);
        }
        if (depth == _sequenceDepth) (_sequence, _sequenceDepth) = (null, -1);
        if (depth == _setDepth) (_set, _setDepth) = (null, -1);
        if (depth == _seriesDepth) _seriesDepth = -1;
        _elements.RemoveAt(depth);
    }

    /// <summary>Collects the text of the element just started (and of its children, space-separated) for <paramref name="target"/>.</summary>
    private void CollectText(Action<string> target)
    {
        if (_text is null) (_text, _textTarget, _textDepth) = (new StringBuilder(), target, _elements.Count - 1);
    }

    private void Keep(string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value)) _doc.Metadata.TryAdd(key, value.Trim());
    }

    private string? Attribute(XmlReader r, string name)
    {
        var value = r.GetAttribute(name);
        if (value is { Length: > MaxText }) throw new SignalFormatException(_path, $"{Field()}@{name}", $"longer than {MaxText} characters");
        return value;
    }

    private (string?, string?) Quantity(XmlReader r) => (Attribute(r, "value"), Attribute(r, "unit"));

    private string? XsiType(XmlReader r)
    {
        var type = r.GetAttribute("type", AecgCodes.Xsi);
        if (type is { Length: > MaxText }) throw new SignalFormatException(_path, $"{Field()}@xsi:type", $"longer than {MaxText} characters");
        return type?[(type.IndexOf(':') + 1)..];
    }
}
