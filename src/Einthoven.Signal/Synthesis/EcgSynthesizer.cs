using Einthoven.Signal.Records;

namespace Einthoven.Signal.Synthesis;

/// <summary>
/// Realistic synthetic ECG records for demos and tests: the ECGSYN model (see <see cref="DipoleModel"/>) projected on
/// standard lead directions, with heart-rate variability, optional premature ventricular contractions and atrial
/// fibrillation episodes, respiratory baseline wander and white noise. The record carries the true beat and rhythm
/// annotations under the annotator "atr".
/// </summary>
public static class EcgSynthesizer
{
    /// <summary>Peak-to-peak amplitude in mV of a sinus beat along the main QRS axis (ECGSYN scales to -0.4..1.2 mV).</summary>
    private const double ReferenceRangeMv = 1.6;
    private const double FibrillationMv = 0.06;

    public static EcgRecord Generate(SynthesisOptions o)
    {
        Validate(o);
        var noise = new GaussianNoise(new Random(o.Seed));
        var random = noise.Random;
        var beats = BeatTrain.Generate(o, noise);
        var af = new AfSchedule(o.AfEpisodes);
        var fs = o.SamplingFrequency;
        var count = checked((int)Math.Round(o.Duration.TotalSeconds * fs));
        var substeps = Math.Max(1, (int)Math.Ceiling(300 / fs));
        var h = 1 / (fs * substeps);
        var scale = ReferenceRangeMv / SinusRange(o.MeanHeartRate, h);

        var directions = o.Leads.Select(LeadVectors.Of).ToArray();
        var atrial = directions.Select(d => d.Dot(WaveSet.AtrialDirection)).ToArray();
        var wanderPhase = directions.Select(_ => random.NextDouble() * 2 * Math.PI).ToArray();
        var samples = o.Leads.Select(_ => new int[count]).ToArray();
        var model = new DipoleModel(beats);
        var fibrillationPhase = 0.0;
        for (var n = 0; n < count; n++)
        {
            var t = n / fs;
            for (var s = 0; s < substeps; s++) model.Step((long)n * substeps + s, h);
            var inAf = af.Contains(t);
            fibrillationPhase += 2 * Math.PI * (6 + 0.8 * Math.Sin(2 * Math.PI * 0.13 * t)) / fs;
            for (var lead = 0; lead < directions.Length; lead++)
            {
                var mv = scale * model.State.Dot(directions[lead])
                         + o.BaselineWanderMv * Math.Sin(2 * Math.PI * 0.25 * t + wanderPhase[lead])
                         + o.NoiseMv * noise.Next();
                if (inAf) mv += FibrillationMv * atrial[lead] * Math.Sin(fibrillationPhase);
                samples[lead][n] = (int)Math.Round(mv * o.Gain);
            }
        }
        return new EcgRecord(Info(o, count), samples, new Dictionary<string, IReadOnlyList<Annotation>> { ["atr"] = Annotations(o, beats, count) });
    }

    /// <summary>Range of the dipole along the main QRS axis over a steady sinus beat at the mean rate.</summary>
    private static double SinusRange(double heartRate, double h)
    {
        var rr = 60 / heartRate;
        var beats = Enumerable.Range(1, 6).Select(i => new SyntheticBeat(i * rr, rr, BeatKind.Sinus)).ToList();
        var model = new DipoleModel(beats);
        var axis = WaveSet.Sinus[2].Direction;
        double min = double.MaxValue, max = double.MinValue;
        for (var step = 0L; step * h < 5.5 * rr; step++)
        {
            model.Step(step, h);
            var t = step * h;
            if (t < 4.5 * rr) continue;
            var v = model.State.Dot(axis);
            (min, max) = (Math.Min(min, v), Math.Max(max, v));
        }
        return max - min;
    }

    private static List<Annotation> Annotations(SynthesisOptions o, List<SyntheticBeat> beats, int count)
    {
        var list = new List<Annotation>();
        string? rhythm = null;
        foreach (var b in beats)
        {
            var sample = (long)Math.Round(b.RTime * o.SamplingFrequency);
            if (sample >= count) break;
            var current = b.Kind == BeatKind.AfConducted ? "(AFIB" : "(N";
            if (current != rhythm) list.Add(new Annotation(sample, AnnotationCodes.Rhythm, Aux: rhythm = current));
            list.Add(new Annotation(sample, b.Kind == BeatKind.Pvc ? AnnotationCodes.Pvc : AnnotationCodes.Normal));
        }
        return list;
    }

    private static RecordInfo Info(SynthesisOptions o, int count) => new()
    {
        Name = o.Name,
        SamplingFrequency = o.SamplingFrequency,
        SampleCount = count,
        StartDate = o.Start is { } s ? DateOnly.FromDateTime(s) : null,
        StartTime = o.Start is { } s2 ? TimeOnly.FromDateTime(s2) : null,
        Leads = o.Leads.Select(l => new LeadInfo { Name = l, Unit = "mV", Gain = o.Gain, AdcResolution = 16 }).ToArray(),
        Comments = [$"synthetic ECG (ECGSYN dynamical model, McSharry et al. 2003), seed {o.Seed}"],
    };

    private static void Validate(SynthesisOptions o)
    {
        if (o.SamplingFrequency is < 50 or > 10_000) throw new ArgumentOutOfRangeException(nameof(o), $"sampling frequency {o.SamplingFrequency} Hz is not 50-10000");
        if (o.MeanHeartRate is < 20 or > 250) throw new ArgumentOutOfRangeException(nameof(o), $"mean heart rate {o.MeanHeartRate} is not 20-250 bpm");
        if (o.Duration <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(o), "duration must be positive");
        if (o.Leads.Count == 0) throw new ArgumentException("at least one lead is needed", nameof(o));
        foreach (var lead in o.Leads) LeadVectors.Of(lead);
    }
}
