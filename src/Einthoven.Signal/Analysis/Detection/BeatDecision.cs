namespace Einthoven.Signal.Analysis.Detection;

/// <summary>
/// Decides whether an energy peak is a QRS complex, from running levels of recent QRS and noise peaks, the expected
/// RR interval and the shape of the band-passed signal; places accepted beats on the QRS's main deflection.
/// </summary>
internal sealed class BeatDecision
{
    private const int Memory = 8;
    private readonly QrsDetectorOptions _options;
    private readonly QrsFeature _feature;
    private readonly RecentValues _qrsPeaks = new(Memory);
    private readonly RecentValues _noisePeaks = new(Memory);
    private readonly RecentValues _rrIntervals = new(Memory);
    private readonly double _fs;
    private readonly int _refractory;
    private readonly int _tWave;
    private long _lastPeak = long.MinValue;
    private long _lastBeat = long.MinValue;
    private double _lastSlope;
    private double _lastNoise;

    public BeatDecision(double fs, QrsDetectorOptions options, QrsFeature feature)
    {
        _fs = fs;
        _options = options;
        _feature = feature;
        _refractory = (int)Math.Round(options.RefractorySeconds * fs);
        _tWave = (int)Math.Round(options.TWaveSeconds * fs);
    }

    /// <summary>Starts the QRS level from the strongest candidate seen while learning.</summary>
    public void Seed(double level) => _qrsPeaks.Add(level);

    /// <summary>
    /// Measures an energy peak while its waveform is still in the feature's history: level, R-peak position and slope.
    /// </summary>
    public QrsCandidate Measure(long peak, double peakEnergy) =>
        // Levels are compared as RMS slope (proportional to QRS amplitude): in energy, a PVC can be 15 times a
        // normal beat and would push the threshold above the normal beats that follow it.
        new(peak, Math.Sqrt(peakEnergy), Locate(peak), MaxSlope(peak));

    public void Decide(QrsCandidate candidate, List<long> beats)
    {
        var (peak, energy, r, slope) = candidate;
        var elapsed = peak - _lastPeak;
        if (_lastPeak != long.MinValue && elapsed < _refractory) return;
        if (energy < _options.MinimumSlope) return;

        var qrsLevel = _qrsPeaks.Median(energy);
        // The latest noise peak lifts the noise level as soon as a burst of noise starts; the median of the recent
        // ones would take several peaks to follow.
        var noiseLevel = Math.Max(_noisePeaks.Median(0), _lastNoise);
        var expectedRr = _rrIntervals.Median(_fs);
        var fraction = _lastPeak == long.MinValue ? NormalFraction : ThresholdFraction(elapsed / expectedRr);
        var threshold = noiseLevel + _options.ThresholdScale * fraction * (qrsLevel - noiseLevel);

        var isQrs = energy >= threshold;
        if (isQrs && elapsed < _tWave && slope < 0.5 * _lastSlope) isQrs = false;
        if (!isQrs)
        {
            _noisePeaks.Add(energy);
            _lastNoise = energy;
            return;
        }

        // The R peak of a beat right after a wide one could fall on or before it; keep the beats in order.
        if (r <= _lastBeat) r = _lastBeat + 1;
        if (_lastBeat != long.MinValue) _rrIntervals.Add(r - _lastBeat);
        _qrsPeaks.Add(energy);
        _lastPeak = peak;
        _lastBeat = r;
        _lastSlope = slope;
        beats.Add(r);
    }

    // Where the threshold sits between the noise and QRS levels, by the time since the last beat over the expected
    // RR interval: an early candidate must be nearly as strong as the recent beats, a beat that is due or overdue
    // may be much weaker (the causal form of Pan-Tompkins search-back). Fitted on MIT-BIH candidates as a whole.
    private static readonly (double Rr, double Fraction)[] Curve =
        [(0.35, 0.6), (0.5, 0.4), (0.7, 0.25), (1.0, 0.18), (1.3, 0.1)];

    private const double NormalFraction = 0.25;

    private static double ThresholdFraction(double rrRatio)
    {
        if (rrRatio <= Curve[0].Rr) return Curve[0].Fraction;
        for (var i = 1; i < Curve.Length; i++)
        {
            if (rrRatio > Curve[i].Rr) continue;
            var (r0, f0) = Curve[i - 1];
            var (r1, f1) = Curve[i];
            return f0 + (f1 - f0) * (rrRatio - r0) / (r1 - r0);
        }
        return Curve[^1].Fraction;
    }

    // Largest absolute slope inside the integration window that produced the peak.
    private double MaxSlope(long peak)
    {
        var max = 0.0;
        for (var s = peak - _feature.Window + 1; s <= peak; s++) max = Math.Max(max, Math.Abs(_feature.Slope(s)));
        return max;
    }

    /// <summary>The main deflection of the band-passed QRS, moved back by the band-pass delay onto the input's time axis.</summary>
    public long Locate(long peak)
    {
        var bandDelay = _feature.BandDelay - 2;
        var best = peak;
        var bestValue = -1.0;
        for (var s = peak - _feature.Window - 2; s <= peak; s++)
        {
            var v = Math.Abs(_feature.Band(s));
            if (v > bestValue)
            {
                bestValue = v;
                best = s;
            }
        }
        return Math.Max(0, best - bandDelay);
    }
}
