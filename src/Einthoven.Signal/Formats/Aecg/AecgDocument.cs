using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Aecg;

/// <summary>What the parser collects from an aECG file before it is turned into a record.</summary>
internal sealed class AecgDocument
{
    public string? EffectiveLow { get; set; }
    public Dictionary<string, string> Metadata { get; } = new(StringComparer.Ordinal);
    public List<AecgSequence> Sequences { get; } = [];
    public List<AecgAnnotationSet> AnnotationSets { get; } = [];
    public int IgnoredSeries { get; set; }
}

/// <summary>One <c>sequence</c> of the rhythm series: the time axis (GLIST) or a lead (SLIST_PQ).</summary>
internal sealed class AecgSequence
{
    public string? Code { get; set; }
    public string? Type { get; set; }
    public (string? Value, string? Unit) Head { get; set; }
    public (string? Value, string? Unit) Increment { get; set; }
    public (string? Value, string? Unit) Origin { get; set; }
    public (string? Value, string? Unit) Scale { get; set; }
    public int[]? Digits { get; set; }
}

/// <summary>One <c>annotationSet</c>: its author and its top-level annotations.</summary>
internal sealed class AecgAnnotationSet
{
    public AnnotationAuthorKind? Kind { get; set; }
    public List<string> AuthorNames { get; } = [];
    public List<AecgAnnotation> Annotations { get; } = [];
}

/// <summary>One <c>annotation</c> as written: its codes, text, time boundaries, lead and nested annotations.</summary>
internal sealed class AecgAnnotation
{
    public string? Code { get; set; }
    public string? CodeSystemName { get; set; }
    public string? ValueType { get; set; }
    public string? ValueCode { get; set; }
    public string? ValueUnit { get; set; }
    public string? ValueNumber { get; set; }
    public string? ValueText { get; set; }
    public string? Text { get; set; }
    public string? TimeCode { get; set; }
    public (string? Value, string? Unit) Low { get; set; }
    public (string? Value, string? Unit) High { get; set; }
    public string? Lead { get; set; }
    public List<AecgAnnotation> Children { get; } = [];
}
