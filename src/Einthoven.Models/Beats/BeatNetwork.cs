using Einthoven.Learning;
using Einthoven.Learning.Layers;

namespace Einthoven.Models.Beats;

/// <summary>The two expert networks (see <see cref="BeatExperts"/>).</summary>
public static class BeatNetwork
{
    /// <summary>
    /// Morphology: three convolution blocks over the 4 x 90 window (0.75 s at 120 Hz), flattened so that the timing
    /// of waves within the beat is kept, joined with the beat features, then a small head. About 0.6 MFLOP per beat.
    /// </summary>
    public static Network CreateMorphology(ulong seed, float dropout = 0.3f)
    {
        var trunk = new Sequential(
            new Conv1d(BeatInputLayout.Channels, 16, 7, padding: 3), new BatchNorm1d(16), new Relu(), new MaxPool1d(2),
            new Conv1d(16, 32, 5, padding: 2), new BatchNorm1d(32), new Relu(), new MaxPool1d(2),
            new Conv1d(32, 32, 5, padding: 2), new BatchNorm1d(32), new Relu(), new MaxPool1d(2),
            new Flatten());
        var width = 32 * (BeatInputLayout.Length / 8) + BeatInputLayout.FeatureCount;
        var head = new Sequential(
            new BatchNorm1d(width),
            new Dense(width, 64), new Relu(), new Dropout(dropout),
            new Dense(64, BeatExperts.MorphologyClasses));
        return new Network(trunk, head, BeatInputLayout.FeatureCount, seed);
    }

    /// <summary>Rhythm: a two-layer perceptron over the <see cref="BeatInputLayout.RhythmExpertFeatures"/> alone (N / S logits out).</summary>
    public static Network CreateRhythm(ulong seed, float dropout = 0.1f)
    {
        var f = BeatInputLayout.RhythmExpertFeatures.Count;
        return new Network(new Sequential(
            new BatchNorm1d(f),
            new Dense(f, 32), new Relu(), new Dropout(dropout),
            new Dense(32, 32), new Relu(),
            new Dense(32, BeatExperts.RhythmClasses)), seed: seed);
    }
}
