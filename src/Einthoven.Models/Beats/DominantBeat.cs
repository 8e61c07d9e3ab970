namespace Einthoven.Models.Beats;

/// <summary>
/// A record's own typical beat: the sample-by-sample median of the windows of its regularly timed beats (those whose
/// pre- and post-intervals are within 15% of the local average), which in practice are its dominant, normally
/// conducted beats. When few beats are regular (bigeminy, frequent ectopy, fibrillation) it uses the beats that are
/// not premature instead, since ectopic beats come early and taking all beats would mix their shape in. Comparing
/// each beat with it is an unsupervised per-patient normalisation of morphology. Beats are compared with a local
/// template (<see cref="LocalTemplate"/>), which follows slow changes of shape over a long recording.
/// </summary>
public sealed class DominantBeat
{
    private const double Regularity = 0.15, MinRegularFraction = 0.2, NotPremature = 0.95;
    private const int MaxBeats = 600;

    /// <summary>Fewest beats a template is the median of before it is trusted over a fallback.</summary>
    public const int MinRegularBeats = 8;

    // One local template per block of BlockSeconds: the median of the chosen beats within +-LocalReachSeconds of
    // the block's centre.
    private const double BlockSeconds = 60, LocalReachSeconds = 150;
    private const int MaxLocalBeats = 200;
    private static readonly int BlockSamples = (int)(BlockSeconds * BeatInputLayout.SampleRate);

    private readonly float[][][] local;

    private DominantBeat(float[] scales, float[][][] local)
    {
        Scales = scales;
        this.local = local;
    }

    /// <summary>Per lead, the record template's QRS peak-to-peak amplitude, used to scale every window of the record.</summary>
    public IReadOnlyList<float> Scales { get; }

    /// <summary>
    /// The template of <paramref name="lead"/> near <paramref name="position"/>: the median of the chosen beats within
    /// +-2.5 min, so that slow changes of a patient's beat shape (posture, electrode contact) are not taken for
    /// ectopy, as Holter analysers update their templates; the record's template where too few beats are near.
    /// Chosen by DS1 cross-validation (VEB +P 78.8 to 81.4 %, see docs/BENCHMARKS-HISTORY.md "Beat classification v3").
    /// </summary>
    public float[] LocalTemplate(int lead, int position) =>
        local[lead][Math.Clamp(position / BlockSamples, 0, local[lead].Length - 1)];

    /// <param name="signal">The record's leads.</param>
    /// <param name="positions">Beat fiducial points in samples of <paramref name="signal"/>.</param>
    public static DominantBeat Estimate(BeatSignal signal, IReadOnlyList<int> positions, RrIntervals rr)
    {
        var chosen = ChooseBeats(Enumerable.Range(0, positions.Count).Select(i => Timing(rr, i)).ToArray());
        var templates = new float[BeatInputLayout.Leads][];
        var scales = new float[BeatInputLayout.Leads];
        for (var lead = 0; lead < templates.Length; lead++)
        {
            templates[lead] = MedianWindow(signal.Leads[lead], positions, Spread(chosen, MaxBeats));
            scales[lead] = QrsAmplitude(templates[lead]);
        }
        return new DominantBeat(scales, LocalTemplates(signal, positions, chosen, templates));
    }

    // Per lead and block, the median of the chosen beats near the block (the record's template if too few are).
    private static float[][][] LocalTemplates(BeatSignal signal, IReadOnlyList<int> positions, List<int> chosen, float[][] record)
    {
        var blocks = Math.Max(1, (signal.Length + BlockSamples - 1) / BlockSamples);
        var reach = (int)(LocalReachSeconds * BeatInputLayout.SampleRate);
        var local = record.Select(_ => new float[blocks][]).ToArray();
        int first = 0, end = 0;
        for (var k = 0; k < blocks; k++)
        {
            var centre = k * BlockSamples + BlockSamples / 2;
            while (first < chosen.Count && positions[chosen[first]] < centre - reach) first++;
            end = Math.Max(end, first);
            while (end < chosen.Count && positions[chosen[end]] <= centre + reach) end++;
            var near = chosen.GetRange(first, end - first);
            for (var lead = 0; lead < local.Length; lead++)
                local[lead][k] = near.Count >= MinRegularBeats
                    ? MedianWindow(signal.Leads[lead], positions, Spread(near, MaxLocalBeats))
                    : record[lead];
        }
        return local;
    }

    // At most max of the beats, evenly spread over the list.
    private static List<int> Spread(List<int> beats, int max) =>
        beats.Count <= max ? beats : Enumerable.Range(0, max).Select(k => beats[(int)((long)k * beats.Count / max)]).ToList();

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

    /// <summary>Whether beat <paramref name="i"/> is regularly timed (pre- and post-interval within 15 % of the local mean), and whether it is not premature.</summary>
    public static (bool Regular, bool NotPremature) Timing(RrIntervals rr, int i) =>
        (Math.Abs(rr.Pre[i] / rr.Local[i] - 1) <= Regularity && Math.Abs(rr.Post[i] / rr.Local[i] - 1) <= Regularity,
         rr.Pre[i] >= NotPremature * rr.Local[i]);

    /// <summary>The beats a template is the median of: the regular ones, else those not premature, else all (indices into <paramref name="timing"/>).</summary>
    public static List<int> ChooseBeats(IReadOnlyList<(bool Regular, bool NotPremature)> timing)
    {
        var chosen = Enumerable.Range(0, timing.Count).Where(i => timing[i].Regular).ToList();
        if (chosen.Count < Math.Max(MinRegularBeats, MinRegularFraction * timing.Count))
            chosen = Enumerable.Range(0, timing.Count).Where(i => timing[i].NotPremature).ToList();
        return chosen.Count < MinRegularBeats ? Enumerable.Range(0, timing.Count).ToList() : chosen;
    }

    private static float[] MedianWindow(float[] lead, IReadOnlyList<int> positions, List<int> chosen)
    {
        var windows = new float[chosen.Count][];
        for (var k = 0; k < chosen.Count; k++)
            CutWindow(lead, positions[chosen[k]], windows[k] = new float[BeatInputLayout.Length]);
        return Median(windows);
    }

    /// <summary>The sample-by-sample median of beat windows (zeros when there are none).</summary>
    public static float[] Median(IReadOnlyList<float[]> windows)
    {
        var template = new float[BeatInputLayout.Length];
        if (windows.Count == 0) return template;
        var column = new float[windows.Count];
        for (var i = 0; i < template.Length; i++)
        {
            for (var k = 0; k < windows.Count; k++) column[k] = windows[k][i];
            Array.Sort(column);
            var m = column.Length / 2;
            template[i] = column.Length % 2 == 1 ? column[m] : (column[m - 1] + column[m]) / 2;
        }
        return template;
    }

    /// <summary>A template's peak-to-peak within +-0.1 s of the fiducial point; a flat lead gets 1 so that nothing divides by zero.</summary>
    public static float QrsAmplitude(float[] template)
    {
        var reach = (int)(0.1 * BeatInputLayout.SampleRate);
        var qrs = template.AsSpan(BeatInputLayout.Before - reach, 2 * reach + 1);
        var range = System.Numerics.Tensors.TensorPrimitives.Max(qrs) - System.Numerics.Tensors.TensorPrimitives.Min(qrs);
        return range > 1e-6f ? range : 1f;
    }
}
