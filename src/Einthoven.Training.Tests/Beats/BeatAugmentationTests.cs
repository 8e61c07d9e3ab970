using Einthoven.Models.Beats;
using Einthoven.Training.Beats;

namespace Einthoven.Training.Tests.Beats;

public class BeatAugmentationTests
{
    // A spike at the fiducial point of every channel.
    private static float[] Spikes()
    {
        var windows = new float[BeatInputLayout.InputSize];
        for (var c = 0; c < BeatInputLayout.Channels; c++) windows[c * BeatInputLayout.Length + BeatInputLayout.Before] = 1f;
        return windows;
    }

    [Fact]
    public void No_augmentation_leaves_the_windows_alone_and_the_same_seed_gives_the_same_change()
    {
        var windows = Spikes();
        BeatAugmentation.None.Apply(windows, 5);
        Assert.Equal(Spikes(), windows);
        var augmentation = new BeatAugmentation(0.2f, 0.1f, 0.05f, 3);
        var a = Spikes();
        var b = Spikes();
        augmentation.Apply(a, 11);
        augmentation.Apply(b, 11);
        Assert.Equal(a, b);
        Assert.NotEqual(Spikes(), a);
    }

    [Fact]
    public void A_shift_moves_the_peak_of_every_channel_by_the_same_amount_within_the_limit()
    {
        var shifts = new HashSet<int>();
        for (ulong seed = 0; seed < 40; seed++)
        {
            var windows = Spikes();
            new BeatAugmentation(ShiftSamples: 2).Apply(windows, seed);
            var peaks = Enumerable.Range(0, BeatInputLayout.Channels)
                .Select(c => Array.IndexOf(windows, 1f, c * BeatInputLayout.Length, BeatInputLayout.Length) - c * BeatInputLayout.Length - BeatInputLayout.Before).ToArray();
            Assert.All(peaks, p => Assert.Equal(peaks[0], p));
            shifts.Add(peaks[0]);
        }
        Assert.Equal([-2, -1, 0, 1, 2], shifts.Order());
    }

    [Fact]
    public void Out_of_range_settings_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new BeatAugmentation(AmplitudeJitter: 1f).Validate());
        Assert.Throws<ArgumentException>(() => new BeatAugmentation(ShiftSamples: BeatInputLayout.Before).Validate());
        Assert.Throws<ArgumentException>(() => new BeatAugmentation(Noise: -0.1f).Validate());
    }
}
