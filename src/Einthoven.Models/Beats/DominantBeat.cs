namespace Einthoven.Models.Beats;

/// <summary>
/// A record's own typical beat: the sample-by-sample median of the windows of its regularly timed beats (those whose
/// pre- and post-intervals are within 15% of the local average), which in practice are its dominant, normally
/// conducted beats. When few beats are regular (bigeminy, frequent ectopy, fibrillation) it uses the beats that are
/// not premature instead, since ectopic beats come early and taking all beats would mix their shape in. Comparing
/// each beat with it is an unsupervised per-patient normalisation of morphology.
/// </summary>
public sealed class DominantBeat
{
    private const double Regularity = 0.15, MinRegularFraction = 0.2, NotPremature = 0.95;
    private const int MaxBeats = 600, MinRegularBeats = 8;

    private DominantBeat(float[][] templates, float[] scales)
    {
        Templates = templates;
        Scales = scales;
    }

    /// <summary>Per lead, the median window (<see cref="BeatInputLayout.Length"/> samples, in source units).</summary>
    public IReadOnlyList<float[]> Templates { get; }

    /// <summary>Per lead, the template's QRS peak-to-peak amplitude, used to scale every window of the record.</summary>
    public IReadOnlyList<float> Scales { get; }

    /// <param name="signal">The record's leads.</param>
    /// <param name="positions">Beat fiducial points in samples of <paramref name="signal"/>.</param>
    public static DominantBeat Estimate(BeatSignal signal, IReadOnlyList<int> positions, RrIntervals rr)
    {
        var chosen = Enumerable.Range(0, positions.Count).Where(i => IsRegular(rr, i)).ToList();
        if (chosen.Count < Math.Max(MinRegularBeats, MinRegularFraction * positions.Count))
            chosen = Enumerable.Range(0, positions.Count).Where(i => rr.Pre[i] >= NotPremature * rr.Local[i]).ToList();
        if (chosen.Count < MinRegularBeats) chosen = Enumerable.Range(0, positions.Count).ToList();
        if (chosen.Count > MaxBeats)
            chosen = Enumerable.Range(0, MaxBeats).Select(k => chosen[(int)((long)k * chosen.Count / MaxBeats)]).ToList();
        var templates = new float[BeatInputLayout.Leads][];
        var scales = new float[BeatInputLayout.Leads];
        for (var lead = 0; lead < templates.Length; lead++)
        {
            templates[lead] = MedianWindow(signal.Leads[lead], positions, chosen);
            scales[lead] = QrsAmplitude(templates[lead]);
        }
        return new DominantBeat(templates, scales);
    }

    /// <summary>Copies the window of <paramref name="lead"/> around <paramref name="position"/>, zero beyond the ends.</summary>
    public static void CutWindow(float[] lead, int position, Span<float> window)
    {
        var start = position - BeatInputLayout.Before;
        for (var i = 0; i < BeatInputLayout.Length; i++)
        {
            var t = start + i;
            window[i] = t >= 0 && t < lead.Length ? lead[t] : 0f;
        }
    }

    private static bool IsRegular(RrIntervals rr, int i) =>
        Math.Abs(rr.Pre[i] / rr.Local[i] - 1) <= Regularity && Math.Abs(rr.Post[i] / rr.Local[i] - 1) <= Regularity;

    private static float[] MedianWindow(float[] lead, IReadOnlyList<int> positions, List<int> chosen)
    {
        var template = new float[BeatInputLayout.Length];
        if (chosen.Count == 0) return template;
        var windows = new float[chosen.Count * BeatInputLayout.Length];
        for (var k = 0; k < chosen.Count; k++)
            CutWindow(lead, positions[chosen[k]], windows.AsSpan(k * BeatInputLayout.Length, BeatInputLayout.Length));
        var column = new float[chosen.Count];
        for (var i = 0; i < template.Length; i++)
        {
            for (var k = 0; k < chosen.Count; k++) column[k] = windows[k * BeatInputLayout.Length + i];
            Array.Sort(column);
            var m = column.Length / 2;
            template[i] = column.Length % 2 == 1 ? column[m] : (column[m - 1] + column[m]) / 2;
        }
        return template;
    }

    // Peak-to-peak within +-0.1 s of the fiducial point; a flat lead gets scale 1 so that nothing divides by zero.
    private static float QrsAmplitude(float[] template)
    {
        var reach = (int)(0.1 * BeatInputLayout.SampleRate);
        var qrs = template.AsSpan(BeatInputLayout.Before - reach, 2 * reach + 1);
        var range = System.Numerics.Tensors.TensorPrimitives.Max(qrs) - System.Numerics.Tensors.TensorPrimitives.Min(qrs);
        return range > 1e-6f ? range : 1f;
    }
}
