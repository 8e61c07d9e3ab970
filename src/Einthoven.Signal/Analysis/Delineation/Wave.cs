namespace Einthoven.Signal.Analysis.Delineation;

/// <summary>Onset, peak and offset of one wave, as sample positions in the signal that was delineated.</summary>
public readonly record struct Wave(int Onset, int Peak, int Offset)
{
    public int Length => Offset - Onset;
}

/// <summary>The waves of one beat. P is null when no P wave is found (e.g. atrial fibrillation), T when none is found.</summary>
public sealed record BeatDelineation(int RPeak, Wave Qrs, Wave? P, Wave? T);
