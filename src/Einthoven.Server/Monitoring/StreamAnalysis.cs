using Einthoven.Monitoring;
using Einthoven.Server.Live;

namespace Einthoven.Server.Monitoring;

/// <summary>
/// The online analysis of one stream: its <see cref="PatientMonitor"/>, the last seconds of samples (for alerts'
/// evidence strips) and the device time of recent frames (for latency). The monitor may start after the stream's
/// first sample (<paramref name="offset"/>: a stream taken over from another process); positions it reports are
/// moved to the stream's. Used by one worker thread at a time.
/// </summary>
public sealed class StreamAnalysis(PatientMonitor monitor, Guid patientId, Guid organisationId, double samplingFrequency, int leads, long offset)
{
    private const double KeptSeconds = 40;
    private readonly List<int>[] _recent = Enumerable.Range(0, leads).Select(_ => new List<int>()).ToArray();
    private readonly Queue<(long First, long DeviceTime)> _frames = new();
    private readonly long _offset = offset;
    private long _recentStart = offset;

    public Guid PatientId { get; } = patientId;
    public Guid OrganisationId { get; } = organisationId;
    public double SamplingFrequency { get; } = samplingFrequency;
    public long NextSample => _offset + monitor.SamplesSeen;

    public MonitorUpdate Push(StoredFrame frame)
    {
        for (var l = 0; l < _recent.Length; l++) _recent[l].AddRange(frame.Samples[l]);
        _frames.Enqueue((frame.FirstSample, frame.DeviceTime));
        var update = monitor.Push(frame.Samples);
        Trim();
        return Shifted(update);
    }

    public MonitorUpdate Flush() => Shifted(monitor.Flush());

    private MonitorUpdate Shifted(MonitorUpdate u) => _offset == 0 ? u : new MonitorUpdate(
        u.Beats.Select(b => b with { Sample = b.Sample + _offset }).ToList(),
        u.Alerts.Select(a => a with
        {
            StartSample = a.StartSample + _offset, DetectedAtSample = a.DetectedAtSample + _offset,
            EvidenceStart = a.EvidenceStart + _offset, EvidenceEnd = a.EvidenceEnd + _offset,
        }).ToList());

    /// <summary>The device time of the frame that held <paramref name="sample"/> (the newest frame's when it is older than what is kept).</summary>
    public long DeviceTimeOf(long sample)
    {
        var time = 0L;
        foreach (var (first, deviceTime) in _frames)
        {
            if (first > sample) break;
            time = deviceTime;
        }
        return time == 0 && _frames.Count > 0 ? _frames.Last().DeviceTime : time;
    }

    /// <summary>Every lead's samples in [start, end) that are still kept.</summary>
    public (long Start, int[][] Samples) Strip(long start, long end)
    {
        var from = Math.Max(start, _recentStart);
        var to = Math.Min(end, _recentStart + _recent[0].Count);
        var count = (int)Math.Max(0, to - from);
        return (from, _recent.Select(r => r.GetRange((int)(from - _recentStart), count).ToArray()).ToArray());
    }

    private void Trim()
    {
        var excess = _recent[0].Count - (int)(KeptSeconds * SamplingFrequency);
        if (excess <= 0) return;
        foreach (var r in _recent) r.RemoveRange(0, excess);
        _recentStart += excess;
        while (_frames.Count > 1 && _frames.ElementAt(1).First <= _recentStart) _frames.Dequeue();
    }
}
