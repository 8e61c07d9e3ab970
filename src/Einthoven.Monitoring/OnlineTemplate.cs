using Einthoven.Models.Beats;

namespace Einthoven.Monitoring;

/// <summary>
/// The patient's dominant beat, online: the sample-by-sample median (<see cref="DominantBeat.Median"/>) of the chosen
/// (<see cref="DominantBeat.ChooseBeats"/>) of the last <see cref="Beats"/> beats, rebuilt every
/// <see cref="RebuildSeconds"/>; the offline analysis takes up to 200 beats within +-2.5 min, which a live stream
/// cannot see ahead of it.
/// </summary>
internal sealed class OnlineTemplate
{
    public const int Beats = 64;
    public const double RebuildSeconds = 10;

    private readonly Queue<(float[][] Windows, bool Regular, bool NotPremature)> _recent = new(Beats + 1);
    private long _builtAt = long.MinValue;

    public float[][]? Templates { get; private set; }
    public float[] Scales { get; private set; } = [1, 1];

    /// <summary>Whether enough beats have been seen for a first template.</summary>
    public bool CanBuild => _recent.Count >= DominantBeat.MinRegularBeats;

    public void Add(float[][] windows, (bool Regular, bool NotPremature) timing)
    {
        _recent.Enqueue((windows, timing.Regular, timing.NotPremature));
        if (_recent.Count > Beats) _recent.Dequeue();
    }

    /// <summary>Rebuilds the template if it is missing or older than <see cref="RebuildSeconds"/> at stream position <paramref name="now"/>.</summary>
    public void Refresh(long now, double fs)
    {
        if (_recent.Count == 0 || (Templates is not null && now - _builtAt < RebuildSeconds * fs)) return;
        var beats = _recent.ToArray();
        var chosen = DominantBeat.ChooseBeats(beats.Select(b => (b.Regular, b.NotPremature)).ToArray());
        Templates = Enumerable.Range(0, BeatInputLayout.Leads).Select(l => DominantBeat.Median(chosen.Select(i => beats[i].Windows[l]).ToArray())).ToArray();
        Scales = Templates.Select(DominantBeat.QrsAmplitude).ToArray();
        _builtAt = now;
    }
}
