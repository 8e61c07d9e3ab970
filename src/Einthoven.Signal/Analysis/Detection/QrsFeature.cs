using Einthoven.Signal.Analysis.Filters;

namespace Einthoven.Signal.Analysis.Detection;

/// <summary>
/// The QRS-enhancing front end, one sample at a time: band-pass to the QRS band, slope (five-point derivative),
/// squared and integrated over a QRS-length window (Pan-Tompkins). It keeps a short history of the band-passed
/// signal and its slope so the decision stage can look back at a candidate's waveform without allocating.
/// </summary>
internal sealed class QrsFeature
{
    private readonly CausalFilter _bandPass;
    private readonly double[] _band;
    private readonly double[] _slope;
    private readonly double[] _energy;
    private readonly int _mask;
    private readonly int _window;
    private readonly double _slopeScale;
    private double _energySum;
    private long _n;
    private bool _primed;

    public QrsFeature(double fs, double lowHz, double highHz, double windowSeconds, double historySeconds)
    {
        _bandPass = new CausalFilter(Butterworth.BandPass(2, lowHz, highHz, fs));
        _window = Math.Max(1, (int)Math.Round(windowSeconds * fs));
        var size = 1;
        while (size < historySeconds * fs + _window + 8) size <<= 1;
        _band = new double[size];
        _slope = new double[size];
        _energy = new double[size];
        _mask = size - 1;
        _slopeScale = fs / 8;
        // Delay of the band-pass at the centre of its band plus the derivative's two samples.
        var centre = Math.Sqrt(lowHz * highHz);
        var dw = 1e-4;
        var phase0 = _bandPass.Design.Response(centre).Phase;
        var phase1 = _bandPass.Design.Response(centre + dw * fs / (2 * Math.PI)).Phase;
        BandDelay = (int)Math.Round(-(phase1 - phase0) / dw) + 2;
        Window = _window;
    }

    /// <summary>Samples the band-passed slope lags the input by, near the centre of the band.</summary>
    public int BandDelay { get; }

    public int Window { get; }

    /// <summary>Number of samples seen; the last one is sample <c>Count - 1</c>.</summary>
    public long Count => _n;

    public double Step(double x)
    {
        if (!_primed)
        {
            _bandPass.Prime(x);
            _primed = true;
        }
        var b = _bandPass.Step(x);
        var i = (int)(_n & _mask);
        _band[i] = b;
        var d = (2 * b + _band[(i - 1) & _mask] - _band[(i - 3) & _mask] - 2 * _band[(i - 4) & _mask]) * _slopeScale;
        _slope[i] = d;
        var e = d * d;
        _energySum += e - _energy[(i - _window) & _mask];
        _energy[i] = e;
        if (_energySum < 0) _energySum = 0;
        _n++;
        return _energySum / _window;
    }

    public double Band(long sample) => _band[(int)(sample & _mask)];

    public double Slope(long sample) => _slope[(int)(sample & _mask)];

    /// <summary>How far back the history reaches from the newest sample.</summary>
    public int HistoryLength => _mask + 1 - 8;
}
