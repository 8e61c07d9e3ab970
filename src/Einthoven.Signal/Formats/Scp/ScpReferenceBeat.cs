using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Scp;

/// <summary>
/// Reference-beat subtraction: the rhythm data of section 6 is a residual from which, in each type-0 QRS complex's
/// subtraction zone, reference beat 0 (section 5) was subtracted, aligned on the fiducial points. Adding it back
/// restores the signal.
/// </summary>
internal static class ScpReferenceBeat
{
    /// <summary>Number of samples of reference beat 0 for its length in ms at the sample interval in µs.</summary>
    public static int Samples(int lengthMs, int intervalMicroseconds) => (int)Math.Round(lengthMs * 1000.0 / intervalMicroseconds);

    /// <summary>Adds <paramref name="beat"/> (per lead, at <paramref name="beatScale"/> residual units per beat unit) back into <paramref name="residual"/>.</summary>
    public static void Add(int[][] residual, int[][] beat, ScpQrsLocations qrs, double beatScale, string path)
    {
        var length = residual[0].Length;
        var beatLength = beat[0].Length;
        // Zones of a real file barely overlap; a bound on their total keeps a damaged section 4 from taking hours.
        var covered = qrs.Complexes.Where(q => q.BeatType == 0).Sum(q => Math.Max(0, q.SubtractionEnd - q.SubtractionStart + 1));
        if (covered > 2L * length + beatLength)
            throw new SignalFormatException(path, "section 4 subtraction zones", $"{covered} samples in all, more than twice the record's {length}");
        for (var n = 0; n < qrs.Complexes.Count; n++)
        {
            var q = qrs.Complexes[n];
            if (q.BeatType != 0) continue;
            var field = $"section 4 QRS {n + 1}";
            if (q.SubtractionStart < 1 || q.SubtractionEnd < q.SubtractionStart || q.SubtractionEnd > length)
                throw new SignalFormatException(path, field, $"subtraction zone {q.SubtractionStart} to {q.SubtractionEnd} is not within the record's {length} samples");
            // Residual sample s corresponds to reference-beat sample s - fiducial + reference fiducial (all 1-based).
            var shift = qrs.ReferenceFiducial - q.Fiducial;
            if (q.SubtractionStart + shift < 1 || q.SubtractionEnd + shift > beatLength)
                throw new SignalFormatException(path, field,
                    $"subtraction zone {q.SubtractionStart} to {q.SubtractionEnd} around fiducial {q.Fiducial} reaches beyond the {beatLength}-sample reference beat");
            for (var lead = 0; lead < residual.Length; lead++)
            {
                var (r, b) = (residual[lead], beat[lead]);
                for (var s = q.SubtractionStart; s <= q.SubtractionEnd; s++)
                    r[s - 1] += beatScale == 1 ? b[s + shift - 1] : (int)Math.Round(b[s + shift - 1] * beatScale);
            }
        }
    }

    /// <summary>
    /// What a device does: the median beat of every lead around <paramref name="fiducials"/> (0-based samples), and
    /// each complex's zone of <paramref name="before"/> and <paramref name="after"/> samples around it, clipped to the record.
    /// A fiducial whose zone would overlap the previous one's is left out, as a device's zones do not overlap.
    /// </summary>
    public static (int[][] Beat, ScpQrsLocations Qrs) Build(int[][] samples, IReadOnlyList<long> fiducials, int before, int after, int intervalMicroseconds)
    {
        var length = samples[0].Length;
        var inside = new List<long>();
        foreach (var f in fiducials.Where(f => f >= 0 && f < length).Order())
            if (inside.Count == 0 || f - inside[^1] > before + after) inside.Add(f);
        var beat = samples.Select(lead => Enumerable.Range(-before, before + after + 1).Select(offset =>
        {
            var values = inside.Select(f => f + offset).Where(s => s >= 0 && s < length).Select(s => lead[s]).Order().ToArray();
            return values.Length == 0 ? 0 : values[values.Length / 2];
        }).ToArray()).ToArray();
        var complexes = inside.Select(f => new ScpQrs(0, Math.Max(0, f - before) + 1, f + 1, Math.Min(length - 1, f + after) + 1)).ToArray();
        var lengthMs = (int)Math.Round(beat[0].Length * (double)intervalMicroseconds / 1000);
        return (beat, new ScpQrsLocations(lengthMs, before + 1, complexes));
    }
}
