using Einthoven.Learning.Tensors;
using Einthoven.Models.Beats;

namespace Einthoven.Training.Beats;

/// <summary>
/// Random changes to a training beat's windows that a new patient's recording could make: each lead scaled by a
/// factor in [1 - <see cref="AmplitudeJitter"/>, 1 + it], a slow baseline ramp, white noise (both relative to the
/// dominant QRS amplitude, which the windows are scaled to) and a shift of the fiducial point by up to
/// <see cref="ShiftSamples"/>. Inter-patient, these keep the network from learning the training patients' amplitudes,
/// noise levels and exact R-peak timing.
/// </summary>
public sealed record BeatAugmentation(float AmplitudeJitter = 0f, float BaselineRamp = 0f, float Noise = 0f, int ShiftSamples = 0)
{
    public static readonly BeatAugmentation None = new();

    public bool IsNone => AmplitudeJitter == 0f && BaselineRamp == 0f && Noise == 0f && ShiftSamples == 0;

    public override string ToString() =>
        $"amplitude jitter {AmplitudeJitter}, baseline ramp {BaselineRamp}, noise {Noise}, shift up to {ShiftSamples} samples";

    public void Validate()
    {
        if (AmplitudeJitter is < 0f or >= 1f || BaselineRamp is < 0f or > 1f || Noise is < 0f or > 1f || ShiftSamples < 0 || ShiftSamples >= BeatInputLayout.Before)
            throw new ArgumentException($"beat augmentation: amplitude jitter must be in [0, 1), baseline ramp and noise in [0, 1], shift in [0, {BeatInputLayout.Before}); got {this}");
    }

    /// <summary>Changes the windows [<see cref="BeatInputLayout.Channels"/>, <see cref="BeatInputLayout.Length"/>] of one beat in place.</summary>
    public void Apply(Span<float> windows, ulong seed)
    {
        if (IsNone) return;
        var rng = new SplitMix64(seed);
        var shift = ShiftSamples == 0 ? 0 : rng.NextInt(2 * ShiftSamples + 1) - ShiftSamples;
        Span<float> copy = stackalloc float[BeatInputLayout.Length];
        for (var lead = 0; lead < BeatInputLayout.Leads; lead++)
        {
            var factor = 1f + AmplitudeJitter * (2f * rng.NextFloat() - 1f);
            var start = BaselineRamp * (2f * rng.NextFloat() - 1f);
            var end = BaselineRamp * (2f * rng.NextFloat() - 1f);
            foreach (var channel in new[] { lead, BeatInputLayout.Leads + lead })
            {
                var span = windows.Slice(channel * BeatInputLayout.Length, BeatInputLayout.Length);
                span.CopyTo(copy);
                for (var i = 0; i < span.Length; i++)
                {
                    var value = copy[Math.Clamp(i + shift, 0, span.Length - 1)] * factor;
                    var ramp = start + (end - start) * i / (span.Length - 1);
                    span[i] = value + ramp + Noise * (float)rng.NextGaussian();
                }
            }
        }
    }
}
