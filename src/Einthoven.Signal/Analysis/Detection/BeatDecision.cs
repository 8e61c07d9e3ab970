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

    public BeatDecision(double fs, QrsDetectorOptions options, QrsFeature feature)
    {
        _fs = fs;
        _options = options;
        _feature = feature;
        _refractory = (int)Math.Round(options.RefractorySeconds * fs);
        _tWave = (int)Math.Round(options.TWaveSeconds * fs);
    }

    public void Decide(long peak, double peakEnergy, List<long> beats)
    {
        // Levels are compared as RMS slope (proportional to QRS amplitude): in energy, a PVC can be 15 times a
        // normal beat and would push the threshold above the normal beats that follow it.
        var energy = Math.Sqrt(peakEnergy);
        var elapsed = peak - _lastPeak;
        if (_lastPeak != long.MinValue && elapsed < _refractory) return;
        if (energy < _options.MinimumSlope) return;

        var qrsLevel = _qrsPeaks.Median(energy);
        var noiseLevel = _noisePeaks.Median(0);
        var threshold = noiseLevel + _options.ThresholdFraction * (qrsLevel - noiseLevel);
        var expectedRr = _rrIntervals.Median(_fs);
        var scale = _lastPeak == long.MinValue ? 1 : OverdueScale(elapsed / expectedRr);
        var slope = MaxSlope(peak);

        var isQrs = energy >= threshold * scale;
        if (isQrs && elapsed < _tWave && slope < 0.5 * _lastSlope) isQrs = false;
        if (Dev.Trace && peak >= Dev.From && peak <= Dev.To) Console.WriteLine($"  cand {peak} ({peak/_fs:0.00}s) e={energy:0.0} qrs={qrsLevel:0.0} noise={noiseLevel:0.0} th={threshold:0.0} scale={scale:0.00} slope={slope:0.0} last={_lastSlope:0.0} el={elapsed} -> {(isQrs ? "QRS" : "noise")}");
        if (!isQrs)
        {
            _noisePeaks.Add(energy);
            return;
        }

        var r = Locate(peak);
        if (_lastBeat != long.MinValue) _rrIntervals.Add(r - _lastBeat);
        _qrsPeaks.Add(energy);
        _lastPeak = peak;
        _lastBeat = r;
        _lastSlope = slope;
        beats.Add(r);
    }

    // 1 while a beat is not yet due, falling to OverdueScale as the interval grows past the expected RR.
    private double OverdueScale(double rrRatio)
    {
        const double from = 0.85, to = 1.15;
        if (rrRatio <= from) return 1;
        if (rrRatio >= to) return _options.OverdueScale;
        return 1 - (1 - _options.OverdueScale) * (rrRatio - from) / (to - from);
    }

    // Largest absolute slope inside the integration window that produced the peak.
    private double MaxSlope(long peak)
    {
        var max = 0.0;
        for (var s = peak - _feature.Window + 1; s <= peak; s++) max = Math.Max(max, Math.Abs(_feature.Slope(s)));
        return max;
    }

    // The main deflection of the band-passed QRS, moved back by the band-pass delay onto the input's time axis.
    private long Locate(long peak)
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
