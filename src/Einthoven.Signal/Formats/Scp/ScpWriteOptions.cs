namespace Einthoven.Signal.Formats.Scp;

/// <summary>How <see cref="ScpWriter"/> encodes the rhythm data.</summary>
public sealed record ScpWriteOptions
{
    /// <summary>Second differences coded with the standard's default Huffman table: what the format's writer uses.</summary>
    public static ScpWriteOptions Default { get; } = new();

    /// <summary>0 none, 1 first, 2 second differences.</summary>
    public int Differences { get; init; } = 2;

    /// <summary>Huffman-code the values (section 2); otherwise they are stored as 16-bit numbers.</summary>
    public bool Huffman { get; init; } = true;

    /// <summary>Spell the default table out in section 2 instead of naming it (the marker 19999), as some devices do.</summary>
    public bool SpellOutTable { get; init; }

    /// <summary>
    /// QRS fiducial points (0-based samples): when given, reference beat 0 (the median beat around them) is stored in
    /// section 5, subtracted from the rhythm data around each of them, and the zones listed in section 4.
    /// </summary>
    public IReadOnlyList<long>? QrsFiducials { get; init; }

    /// <summary>Milliseconds of the reference beat before and after its fiducial point.</summary>
    public double BeatBeforeMs { get; init; } = 250;
    public double BeatAfterMs { get; init; } = 400;
}
