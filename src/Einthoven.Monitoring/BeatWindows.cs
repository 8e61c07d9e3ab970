using Einthoven.Models.Beats;
using Einthoven.Signal.Analysis.Filters;

namespace Einthoven.Monitoring;

/// <summary>
/// Cuts beat windows as the beat model sees them (0.5-40 Hz zero phase, 120 Hz, mV) from a live lead: the lead is
/// filtered forward as it arrives (<see cref="LeadInput.Filtered"/>), and at each step the stretch from the oldest beat
/// to be cut up to the newest sample is filtered backward once more. The backward pass starts at the newest sample,
/// so a beat is cut only once at least 1 s of signal follows its window, enough for that start to have died away.
/// </summary>
internal sealed class BeatWindows(double fs)
{
    private readonly CausalFilter _backward = new(EcgCleaning.BandPass(fs));
    private double[] _block = [];
    private long _blockStart;

    /// <summary>Seconds after an R peak before its window can be cut: the window's 0.45 s and 1.05 s of settling.</summary>
    public const double DelaySeconds = 1.5;

    /// <summary>Filters [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="lead"/> backward.</summary>
    public void Load(SampleRing lead, long start, long end)
    {
        start = Math.Max(start, lead.Oldest);
        _blockStart = start;
        var length = (int)(end - start);
        if (_block.Length < length) _block = new double[length];
        lead.Copy(start, _block.AsSpan(0, length));
        _backward.Reset();
        _backward.Prime(_block[length - 1]);
        for (var i = length - 1; i >= 0; i--) _block[i] = _backward.Step(_block[i]);
        BlockEnd = end;
    }

    public long BlockEnd { get; private set; }

    /// <summary>The window around R peak <paramref name="r"/> at 120 Hz (linear interpolation); outside the block, the nearest held sample.</summary>
    public float[] Cut(long r)
    {
        var window = new float[BeatInputLayout.Length];
        var local = Math.Round(r * BeatInputLayout.SampleRate / fs);
        var last = (int)(BlockEnd - _blockStart) - 1;
        for (var i = 0; i < window.Length; i++)
        {
            var t = (local - BeatInputLayout.Before + i) * fs / BeatInputLayout.SampleRate - _blockStart;
            var k = (int)Math.Floor(t);
            if (k < 0) { window[i] = (float)_block[0]; continue; }
            if (k >= last) { window[i] = (float)_block[last]; continue; }
            var f = t - k;
            window[i] = (float)(_block[k] * (1 - f) + _block[k + 1] * f);
        }
        return window;
    }
}
