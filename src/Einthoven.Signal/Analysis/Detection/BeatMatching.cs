namespace Einthoven.Signal.Analysis.Detection;

/// <summary>A closed range of sample numbers, e.g. a ventricular flutter episode left out of scoring.</summary>
public readonly record struct SampleRange(long Start, long End)
{
    public bool Contains(long sample) => sample >= Start && sample <= End;
}

/// <summary>How detected beats pair up with reference beats (indices into the lists given to the matcher).</summary>
public sealed class BeatMatch
{
    internal BeatMatch(IReadOnlyList<(int Reference, int Detected)> pairs, IReadOnlyList<int> missed, IReadOnlyList<int> falseDetections)
    {
        Pairs = pairs;
        Missed = missed;
        FalseDetections = falseDetections;
    }

    /// <summary>Matched pairs, in reference order.</summary>
    public IReadOnlyList<(int Reference, int Detected)> Pairs { get; }

    /// <summary>Reference beats with no detection within the window (false negatives), outside excluded ranges.</summary>
    public IReadOnlyList<int> Missed { get; }

    /// <summary>Detections with no reference beat within the window (false positives), outside excluded ranges.</summary>
    public IReadOnlyList<int> FalseDetections { get; }

    public DetectionScore Score => new(Pairs.Count, Missed.Count, FalseDetections.Count);
}

/// <summary>
/// Matches detected beats to reference beats as ANSI/AAMI EC57 does: a detection within the match window of a
/// reference beat is a true positive, each beat is used at most once, and beats (of either list) inside excluded
/// ranges do not count. Closest pairs are matched first, so matched positions are as accurate as they can be.
/// </summary>
public static class BeatMatching
{
    /// <summary>The match window in samples: EC57's 150 ms by default.</summary>
    public static int Window(double samplingFrequency, double seconds = 0.150) => (int)Math.Round(seconds * samplingFrequency);

    /// <param name="reference">Reference beat samples, ascending.</param>
    /// <param name="detected">Detected beat samples, ascending.</param>
    /// <param name="window">Largest distance in samples at which a detection still matches.</param>
    public static BeatMatch Match(IReadOnlyList<long> reference, IReadOnlyList<long> detected, int window, IReadOnlyList<SampleRange>? excluded = null)
    {
        CheckAscending(reference, nameof(reference));
        CheckAscending(detected, nameof(detected));
        if (window < 0) throw new ArgumentOutOfRangeException(nameof(window), window, "the match window cannot be negative");
        excluded ??= [];
        bool Counted(long s) => !excluded.Any(r => r.Contains(s));

        var candidates = new List<(long Distance, int Reference, int Detected)>();
        var first = 0;
        for (var r = 0; r < reference.Count; r++)
        {
            if (!Counted(reference[r])) continue;
            while (first < detected.Count && detected[first] < reference[r] - window) first++;
            for (var d = first; d < detected.Count && detected[d] <= reference[r] + window; d++)
                if (Counted(detected[d])) candidates.Add((Math.Abs(detected[d] - reference[r]), r, d));
        }
        candidates.Sort();

        var refUsed = new bool[reference.Count];
        var detUsed = new bool[detected.Count];
        var pairs = new List<(int, int)>();
        foreach (var (_, r, d) in candidates)
        {
            if (refUsed[r] || detUsed[d]) continue;
            refUsed[r] = detUsed[d] = true;
            pairs.Add((r, d));
        }
        pairs.Sort();
        var missed = Enumerable.Range(0, reference.Count).Where(r => !refUsed[r] && Counted(reference[r])).ToList();
        var falseDetections = Enumerable.Range(0, detected.Count).Where(d => !detUsed[d] && Counted(detected[d])).ToList();
        return new BeatMatch(pairs, missed, falseDetections);
    }

    private static void CheckAscending(IReadOnlyList<long> samples, string name)
    {
        for (var i = 1; i < samples.Count; i++)
            if (samples[i] < samples[i - 1])
                throw new ArgumentException($"beat samples must be ascending; entry {i} ({samples[i]}) comes before entry {i - 1} ({samples[i - 1]})", name);
    }
}
