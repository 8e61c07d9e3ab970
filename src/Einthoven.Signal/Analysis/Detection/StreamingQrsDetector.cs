namespace Einthoven.Signal.Analysis.Detection;

/// <summary>
/// Real-time QRS detector. Samples arrive in chunks of any size; each beat is reported once its energy peak has been
/// the largest for <see cref="QrsDetectorOptions.LookaheadSeconds"/>, or less where that would report it more than
/// <see cref="QrsDetectorOptions.MaxDelaySeconds"/> after its R peak, and the result does not depend on how the
/// stream was cut. Missing samples (NaN or infinite) hold the last valid value.
/// Adaptive QRS and noise levels, a threshold that relaxes when a beat is overdue (search-back without looking
/// back), a refractory period and a T-wave slope check decide which energy peaks are beats.
/// </summary>
public sealed class StreamingQrsDetector
{
    private readonly QrsDetectorOptions _options;
    private readonly QrsFeature _feature;
    private readonly BeatDecision _decision;
    private readonly double _toMillivolts;
    private readonly int _lookahead;
    private readonly int _learning;
    private readonly List<QrsCandidate> _learned = new(16);
    private readonly int _latency;
    private long _candidate = -1;
    private long _deadline = long.MaxValue;
    private double _candidateEnergy;
    private double _previousEnergy;
    private double _lastValid;

    /// <param name="samplingFrequency">Samples per second.</param>
    /// <param name="unitsPerMillivolt">Input units per mV: 1 for physical mV input, the lead's gain for digital input.</param>
    public StreamingQrsDetector(double samplingFrequency, double unitsPerMillivolt = 1, QrsDetectorOptions? options = null)
    {
        if (!(samplingFrequency >= 50)) throw new ArgumentOutOfRangeException(nameof(samplingFrequency), samplingFrequency, "QRS detection needs at least 50 samples per second");
        if (!(unitsPerMillivolt > 0) || double.IsInfinity(unitsPerMillivolt)) throw new ArgumentOutOfRangeException(nameof(unitsPerMillivolt), unitsPerMillivolt, "must be positive");
        _options = options ?? QrsDetectorOptions.Default;
        SamplingFrequency = samplingFrequency;
        _toMillivolts = 1 / unitsPerMillivolt;
        var high = Math.Min(_options.HighHz, 0.45 * samplingFrequency);
        _feature = new QrsFeature(samplingFrequency, _options.LowHz, high, _options.IntegrationSeconds, _options.LookaheadSeconds + 0.5);
        _lookahead = (int)Math.Round(_options.LookaheadSeconds * samplingFrequency);
        _learning = (int)Math.Round(LearningSeconds * samplingFrequency);
        _latency = (int)Math.Floor(_options.MaxDelaySeconds * samplingFrequency);
        _decision = new BeatDecision(samplingFrequency, _options, _feature);
    }

    /// <summary>
    /// The detector first learns the signal's QRS level over this many seconds; beats in that stretch are reported
    /// at its end, every later beat within the look-ahead.
    /// </summary>
    public const double LearningSeconds = 2;

    public double SamplingFrequency { get; }

    /// <summary>Samples consumed so far.</summary>
    public long SamplesSeen => _feature.Count;

    /// <summary>Feeds samples (in the units given to the constructor); appends the beats decided meanwhile to <paramref name="beats"/>.</summary>
    /// <returns>How many beats were appended.</returns>
    public int Process(ReadOnlySpan<double> samples, List<long> beats)
    {
        var before = beats.Count;
        for (var i = 0; i < samples.Length; i++) Step(samples[i] * _toMillivolts, beats);
        return beats.Count - before;
    }

    /// <inheritdoc cref="Process(ReadOnlySpan{double}, List{long})"/>
    public int Process(ReadOnlySpan<int> samples, List<long> beats)
    {
        var before = beats.Count;
        for (var i = 0; i < samples.Length; i++) Step(samples[i] * _toMillivolts, beats);
        return beats.Count - before;
    }

    /// <summary>The stream has ended: decides the candidate still waiting for its look-ahead.</summary>
    public int Flush(List<long> beats)
    {
        var before = beats.Count;
        if (_candidate >= 0) Candidate(_candidate, _candidateEnergy, beats);
        _candidate = -1;
        _candidateEnergy = 0;
        EndLearning(beats);
        return beats.Count - before;
    }

    private void Step(double x, List<long> beats)
    {
        if (double.IsFinite(x)) _lastValid = x;
        else x = _lastValid;
        var n = _feature.Count;
        var energy = _feature.Step(x);
        if (energy > _candidateEnergy && energy > _previousEnergy)
        {
            _candidate = n;
            _candidateEnergy = energy;
            _deadline = long.MaxValue;
        }
        _previousEnergy = energy;
        if (_candidate >= 0) Advance(n, beats);
        if (_feature.Count == _learning) EndLearning(beats);
    }

    private void Advance(long n, List<long> beats)
    {
        // The look-ahead is cut short where it would report a wide QRS's R peak too late. Its R peak can lie at most
        // an integration window before the energy peak, so it is located only once that matters.
        if (_deadline == long.MaxValue && n - _candidate >= _latency - _feature.Window - _feature.BandDelay - 2)
            _deadline = Math.Min(_candidate + _lookahead, _decision.Locate(_candidate) + _latency);
        if (n >= _deadline)
        {
            Candidate(_candidate, _candidateEnergy, beats);
            _candidate = -1;
            _candidateEnergy = 0;
            _deadline = long.MaxValue;
        }
    }

    private void Candidate(long peak, double energy, List<long> beats)
    {
        var candidate = _decision.Measure(peak, energy);
        if (_feature.Count <= _learning) _learned.Add(candidate);
        else _decision.Decide(candidate, beats);
    }

    // Seeds the QRS level with the strongest peak of the learning stretch, then decides its peaks in order.
    private void EndLearning(List<long> beats)
    {
        if (_learned.Count == 0) return;
        _decision.Seed(_learned.Max(c => c.Level));
        if (IsCutBeatsTWave(_learned)) _learned.RemoveAt(0);
        foreach (var candidate in _learned) _decision.Decide(candidate, beats);
        _learned.Clear();
    }

    // A record that starts just after a QRS starts with that beat's T wave, which no earlier beat can unmask. The
    // T-wave check runs backwards: a gentle peak in the first T-wave time, followed by a much steeper
    // one within 2 s, is that T wave.
    private bool IsCutBeatsTWave(List<QrsCandidate> learned)
    {
        var steepEnough = _options.TWaveSlopeRatio * learned.Max(c => c.Slope);
        var first = learned[0];
        var next = learned.FindIndex(1, c => c.Slope >= steepEnough);
        return first.RPeak < _options.TWaveSeconds * SamplingFrequency
            && first.Slope < steepEnough
            && next > 0
            && learned[next].Peak - first.Peak < 2 * SamplingFrequency;
    }
}
