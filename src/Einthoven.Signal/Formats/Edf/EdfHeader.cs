namespace Einthoven.Signal.Formats.Edf;

/// <summary>The header record of an EDF/EDF+ file, field by field as the specification defines it.</summary>
internal sealed record EdfHeader
{
    public const int FixedBytes = 256;
    public const int BytesPerSignal = 256;
    public const string AnnotationLabel = "EDF Annotations";

    public string Version { get; init; } = "0";
    public string Patient { get; init; } = "";
    public string Recording { get; init; } = "";
    public string StartDate { get; init; } = "01.01.85";
    public string StartTime { get; init; } = "00.00.00";
    /// <summary>"EDF+C", "EDF+D" or anything else for plain EDF.</summary>
    public string Reserved { get; init; } = "";
    /// <summary>Number of data records; -1 while a recording is still being written.</summary>
    public long RecordCount { get; init; }
    /// <summary>Duration of one data record in seconds (kept as written, so that onsets add up exactly).</summary>
    public decimal RecordDuration { get; init; }
    public required IReadOnlyList<EdfSignal> Signals { get; init; }

    public bool IsEdfPlus => Reserved.StartsWith("EDF+C", StringComparison.Ordinal) || IsDiscontinuous;
    public bool IsDiscontinuous => Reserved.StartsWith("EDF+D", StringComparison.Ordinal);
    public int HeaderBytes => FixedBytes + BytesPerSignal * Signals.Count;

    /// <summary>Bytes of one data record: every signal's samples, two bytes each.</summary>
    public long RecordBytes => Signals.Sum(s => 2L * s.SamplesPerRecord);

    /// <summary>Byte offset of signal <paramref name="index"/> inside a data record.</summary>
    public long SignalOffset(int index) => Signals.Take(index).Sum(s => 2L * s.SamplesPerRecord);
}

/// <summary>One signal of an EDF header.</summary>
internal sealed record EdfSignal
{
    public required string Label { get; init; }
    public string Transducer { get; init; } = "";
    public string Dimension { get; init; } = "";
    public decimal PhysicalMin { get; init; }
    public decimal PhysicalMax { get; init; }
    public int DigitalMin { get; init; }
    public int DigitalMax { get; init; }
    public string Prefiltering { get; init; } = "";
    public int SamplesPerRecord { get; init; }
    public string Reserved { get; init; } = "";

    public bool IsAnnotation => Label == EdfHeader.AnnotationLabel;
}
