using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Analysis.Filters;

namespace Einthoven.Monitoring;

/// <summary>
/// One lead's per-sample work: missing samples (<see cref="PatientMonitor.MissingSample"/>) hold the last value, the
/// lead is kept raw and forward-filtered (0.5-40 Hz, the forward half of <see cref="EcgCleaning"/>) in rings, its QRS
/// complexes are detected as they come (<see cref="StreamingQrsDetector"/>), and each block counts its samples that
/// are missing or flat (a run of at least 0.2 s within 1.5 ADC units: leads off, or an amplifier stuck at its limit).
/// </summary>
internal sealed class LeadInput
{
    private const double FlatRunSeconds = 0.2, FlatUnits = 1.5;

    private readonly double _gain;
    private readonly CausalFilter _filter;
    private readonly StreamingQrsDetector _detector;
    private readonly int _flatRun;
    private readonly List<long> _detected = new(8);
    private int _last;
    private bool _seen;
    private int _run;

    public LeadInput(double fs, double gain, int rawSeconds, int filteredSeconds)
    {
        _gain = gain;
        _filter = new CausalFilter(EcgCleaning.BandPass(fs));
        _detector = new StreamingQrsDetector(fs, gain);
        _flatRun = Math.Max(2, (int)Math.Round(FlatRunSeconds * fs));
        Raw = new SampleRing((int)Math.Ceiling(rawSeconds * fs));
        Filtered = new SampleRing((int)Math.Ceiling(filteredSeconds * fs));
    }

    /// <summary>The lead in mV, as received (missing samples held).</summary>
    public SampleRing Raw { get; }

    /// <summary>The lead band-passed forward only, mV.</summary>
    public SampleRing Filtered { get; }

    public double Gain => _gain;

    /// <summary>Samples of the current block that were missing or flat.</summary>
    public int BadInBlock { get; private set; }

    /// <summary>Beats detected since the last <see cref="TakeDetections"/>.</summary>
    public List<long> TakeDetections()
    {
        var beats = _detected.ToList();
        _detected.Clear();
        return beats;
    }

    public void StartBlock() => BadInBlock = 0;

    public void Step(int digital)
    {
        var missing = digital == PatientMonitor.MissingSample;
        if (missing) digital = _seen ? _last : 0;
        _run = _seen && Math.Abs(digital - _last) <= FlatUnits ? _run + 1 : 1;
        if (missing || _run >= _flatRun) BadInBlock++;
        if (!_seen) _filter.Prime(digital / _gain);
        _seen = true;
        _last = digital;
        var mv = digital / _gain;
        Raw.Add(mv);
        Filtered.Add(_filter.Step(mv));
        _detector.Process([digital], _detected);
    }

    public void Flush() => _detector.Flush(_detected);
}
