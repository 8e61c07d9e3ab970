using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Records;

namespace Einthoven.Monitoring;

/// <summary>
/// One patient's online analysis. Samples are analysed in steps of 1 s of stream time: per sample, each lead is
/// filtered and its QRS complexes detected; at the end of each step the signal gate, the beats, their classes, the
/// rate, gaps, ventricular runs and the rhythm are brought up to date. Because steps end at fixed stream positions,
/// the beats and alerts do not depend on how the stream is cut into chunks. Not thread-safe: one stream at a time.
/// </summary>
public sealed class PatientMonitor
{
    /// <summary>A digital value that marks a missing sample (held at the last value and counted against the signal).</summary>
    public const int MissingSample = int.MinValue;

    private readonly MonitoredStream _stream;
    private readonly LeadInput[] _leads;
    private readonly int _step;
    private readonly AlertSink _alerts;
    private readonly BeatTimeline _timeline;
    private readonly SignalGate _gate;
    private long _stepStart;

    public PatientMonitor(MonitoredStream stream, MonitorSettings settings, MonitorModels models)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(models);
        Validate(stream);
        settings.Validate();
        _stream = stream;
        var fs = stream.SamplingFrequency;
        var leadA = LeadA(stream.LeadNames);
        var rawSeconds = (int)Math.Ceiling(Math.Max(settings.RhythmWindowSeconds, SignalGate.AssessSeconds) + 2);
        _leads = stream.GainsAduPerMv.Select((g, l) => new LeadInput(fs, g, l == leadA ? rawSeconds : (int)SignalGate.AssessSeconds + 2, (int)SignalGate.AssessSeconds + 2)).ToArray();
        _step = (int)Math.Round(fs);
        _alerts = new AlertSink(fs, settings);
        _gate = new SignalGate(_leads, fs, settings);
        _timeline = new BeatTimeline(_leads, leadA, fs, settings, models, _gate, _alerts);
    }

    /// <summary>Samples consumed so far.</summary>
    public long SamplesSeen { get; private set; }

    /// <summary>
    /// Consecutive digital samples (ADC units) of every lead, one array per lead in the stream's lead order, all of one
    /// length; any chunk size. <see cref="MissingSample"/> marks a sample the device could not measure.
    /// </summary>
    /// <returns>The beats confirmed and the alerts raised by the analysis steps this chunk completed.</returns>
    public MonitorUpdate Push(IReadOnlyList<int[]> samplesByLead)
    {
        ArgumentNullException.ThrowIfNull(samplesByLead);
        if (samplesByLead.Count != _leads.Length)
            throw new ArgumentException($"the stream has {_leads.Length} leads ({string.Join(", ", _stream.LeadNames)}), the chunk has {samplesByLead.Count}", nameof(samplesByLead));
        var length = samplesByLead[0]?.Length ?? throw new ArgumentException("lead 0 of the chunk is null", nameof(samplesByLead));
        for (var l = 1; l < samplesByLead.Count; l++)
            if (samplesByLead[l]?.Length != length)
                throw new ArgumentException($"every lead of a chunk needs the same number of samples: lead 0 has {length}, lead {l} has {samplesByLead[l]?.Length.ToString() ?? "none"}", nameof(samplesByLead));
        var beats = new List<MonitorBeat>();
        for (var i = 0; i < length; i++)
        {
            for (var l = 0; l < _leads.Length; l++) _leads[l].Step(samplesByLead[l][i]);
            SamplesSeen++;
            if (SamplesSeen - _stepStart == _step) EndStep(beats);
        }
        return new MonitorUpdate(beats, _alerts.Take());
    }

    /// <summary>End of stream: analyses the last partial step and closes every open episode.</summary>
    public MonitorUpdate Flush()
    {
        var beats = new List<MonitorBeat>();
        foreach (var lead in _leads) lead.Flush();
        if (SamplesSeen > _stepStart) EndStep(beats);
        _alerts.Now = Math.Max(0, SamplesSeen - 1);
        _timeline.Close(SamplesSeen, beats);
        return new MonitorUpdate(beats, _alerts.Take());
    }

    private void EndStep(List<MonitorBeat> beats)
    {
        _alerts.Now = SamplesSeen - 1;
        _gate.EndBlock(_stepStart, SamplesSeen, _timeline.RecentDetections, _alerts);
        _timeline.Step(SamplesSeen, beats);
        _stepStart = SamplesSeen;
        foreach (var lead in _leads) lead.StartBlock();
    }

    /// <summary>The lead beats are read from: MLII or II when present, else the first (as the beat model was trained).</summary>
    private static int LeadA(IReadOnlyList<string> names) =>
        Math.Max(0, new RecordInfo { Name = "stream", SamplingFrequency = 360, SampleCount = 0, Leads = names.Select(n => new LeadInfo { Name = n }).ToArray() }.LeadIIIndex());

    private static void Validate(MonitoredStream stream)
    {
        if (!(stream.SamplingFrequency is >= 100 and <= 10_000))
            throw new ArgumentOutOfRangeException(nameof(stream), stream.SamplingFrequency, "the sampling frequency must be 100-10000 Hz");
        if (stream.LeadNames is null || stream.LeadNames.Count == 0) throw new ArgumentException("the stream needs at least one lead", nameof(stream));
        if (stream.GainsAduPerMv is null || stream.GainsAduPerMv.Count != stream.LeadNames.Count)
            throw new ArgumentException($"{stream.LeadNames.Count} lead names but {stream.GainsAduPerMv?.Count ?? 0} gains", nameof(stream));
        if (stream.GainsAduPerMv.Any(g => !(g > 0) || double.IsInfinity(g)))
            throw new ArgumentException("every gain must be a positive number of ADC units per mV", nameof(stream));
    }
}
