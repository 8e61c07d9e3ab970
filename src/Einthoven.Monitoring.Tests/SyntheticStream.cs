using Einthoven.Monitoring;
using Einthoven.Signal.Records;
using Einthoven.Signal.Synthesis;

namespace Einthoven.Monitoring.Tests;

/// <summary>
/// Builds 2-lead 360 Hz streams (MLII, V1; 200 adu/mV) with events at known samples: stretches of synthetic sinus
/// rhythm (<see cref="EcgSynthesizer"/>) at a given rate, cut half an RR after a beat so that joins keep the rhythm,
/// and beat-free baseline or flat line between them.
/// </summary>
internal sealed class SyntheticStream
{
    public const double Fs = 360, Gain = 200;
    private readonly List<int>[] _leads = [[], []];
    private int _seed = 1;

    public static MonitoredStream Stream => new(Fs, ["MLII", "V1"], [Gain, Gain]);

    public int Length => _leads[0].Count;

    /// <summary>R peaks of the beats added so far.</summary>
    public List<long> Beats { get; } = [];

    /// <summary>Sinus rhythm at <paramref name="bpm"/> for about <paramref name="seconds"/>; its beat N lies at
    /// (current length) + RR/2 + N RR.</summary>
    public SyntheticStream Rhythm(double bpm, double seconds, double pvcProbability = 0)
    {
        var record = EcgSynthesizer.Generate(new SynthesisOptions
        {
            MeanHeartRate = bpm, HeartRateStd = 0.5, Duration = TimeSpan.FromSeconds(seconds + 4 * 60 / bpm + 2), BaselineWanderMv = 0,
            PvcProbability = pvcProbability, Seed = _seed++,
        });
        var beats = record.Annotations["atr"].Where(a => a.IsBeat).Select(a => a.Sample).ToArray();
        var from = (int)(beats[0] + beats[1]) / 2;
        var last = beats.Where(b => b - from <= seconds * Fs).Max();
        var next = beats.First(b => b > last);
        var to = (int)(last + next) / 2;
        return Append(record, from, to, beats);
    }

    /// <summary>
    /// A run of <paramref name="count"/> ventricular beats at <paramref name="bpm"/>: one synthetic premature
    /// ventricular contraction (ECGSYN's wide beat) repeated, as a stand-in for ventricular tachycardia.
    /// </summary>
    public SyntheticStream VentricularRun(int count, double bpm)
    {
        var record = EcgSynthesizer.Generate(new SynthesisOptions { MeanHeartRate = 70, Duration = TimeSpan.FromSeconds(60), BaselineWanderMv = 0, PvcProbability = 0.2, Seed = _seed++ });
        var pvc = (int)record.Annotations["atr"].Where(a => a.Symbol == "V").Skip(1).First().Sample;
        var rr = (int)Math.Round(60 / bpm * Fs);
        var from = pvc - (int)(0.15 * Fs);
        for (var k = 0; k < count; k++)
        {
            Beats.Add(Length + pvc - from);
            for (var l = 0; l < 2; l++)
            {
                var shift = _leads[l].Count > 0 ? _leads[l][^1] - record.Samples[l][from] : 0;
                _leads[l].AddRange(record.Samples[l][from..(from + rr)].Select(v => v + shift));
            }
        }
        return this;
    }

    /// <summary>A stretch of beat-free baseline (noise of 0.02 mV at the last level) making the RR across it <paramref name="rrSeconds"/>.</summary>
    public SyntheticStream Gap(double rrSeconds, double currentRrSeconds)
    {
        var random = new Random(_seed++);
        var count = (int)Math.Round((rrSeconds - currentRrSeconds) * Fs);
        foreach (var lead in _leads)
        {
            var level = lead.Count > 0 ? lead[^1] : 0;
            for (var i = 0; i < count; i++) lead.Add(level + (int)Math.Round(0.02 * Gain * Gaussian(random)));
        }
        return this;
    }

    /// <summary>A constant value on every lead (leads off) for <paramref name="seconds"/>.</summary>
    public SyntheticStream Flat(double seconds)
    {
        foreach (var lead in _leads) lead.AddRange(Enumerable.Repeat(lead.Count > 0 ? lead[^1] : 0, (int)Math.Round(seconds * Fs)));
        return this;
    }

    public int[][] Samples => _leads.Select(l => l.ToArray()).ToArray();

    private SyntheticStream Append(EcgRecord record, int from, int to, long[] beats)
    {
        var offset = Length - from;
        Beats.AddRange(beats.Where(b => b >= from && b < to).Select(b => b + offset));
        for (var l = 0; l < 2; l++) _leads[l].AddRange(record.Samples[l][from..to]);
        return this;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
