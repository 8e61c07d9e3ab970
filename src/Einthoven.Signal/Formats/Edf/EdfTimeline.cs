namespace Einthoven.Signal.Formats.Edf;

/// <summary>
/// Where each data record's samples sit on the record's sample axis. Continuous files (EDF, EDF+C) put record r at
/// r * samplesPerRecord; a discontinuous EDF+D file puts each record at its time-keeping onset, leaving gaps between.
/// </summary>
internal sealed class EdfTimeline
{
    private readonly long[]? _starts;

    private EdfTimeline(int samplesPerRecord, long recordCount, long[]? starts)
    {
        SamplesPerRecord = samplesPerRecord;
        RecordCount = recordCount;
        _starts = starts;
        SampleCount = recordCount == 0 ? 0 : Start(recordCount - 1) + samplesPerRecord;
    }

    public int SamplesPerRecord { get; }
    public long RecordCount { get; }
    public long SampleCount { get; }
    public bool HasGaps => _starts is not null;

    public static EdfTimeline Continuous(int samplesPerRecord, long recordCount) => new(samplesPerRecord, recordCount, null);

    /// <summary>A timeline from record starts that must ascend without overlap (checked by the caller).</summary>
    public static EdfTimeline Discontinuous(int samplesPerRecord, long[] starts) => new(samplesPerRecord, starts.Length, starts);

    public long Start(long record) => _starts is null ? record * SamplesPerRecord : _starts[record];

    /// <summary>The data records holding any sample of <c>[start, end)</c>, first and last.</summary>
    public (long First, long Last) Records(long start, long end)
    {
        if (_starts is null) return (start / SamplesPerRecord, (end - 1) / SamplesPerRecord);
        var first = UpperBound(start) - 1;
        if (first < 0 || _starts[first] + SamplesPerRecord <= start) first++;
        return (first, UpperBound(end - 1) - 1);
    }

    /// <summary>Seconds after the first data record to the nearest sample.</summary>
    public static long ToSample(decimal seconds, double samplingFrequency) =>
        checked((long)Math.Round(seconds * (decimal)samplingFrequency, MidpointRounding.AwayFromZero));

    /// <summary>Index of the first record starting after <paramref name="sample"/>.</summary>
    private long UpperBound(long sample)
    {
        long lo = 0, hi = _starts!.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_starts[mid] <= sample) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
