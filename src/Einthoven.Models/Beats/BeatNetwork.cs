using Einthoven.Learning;
using Einthoven.Learning.Layers;

namespace Einthoven.Models.Beats;

/// <summary>
/// The beat network: three convolution blocks over the 4 x 90 window (0.75 s at 120 Hz), flattened so that the
/// timing of waves within the beat is kept, joined with the rhythm and template features, then a small head.
/// About 0.6 MFLOP per beat.
/// </summary>
public static class BeatNetwork
{
    public static Network Create(ulong seed, float dropout = 0.3f)
    {
        var trunk = new Sequential(
            new Conv1d(BeatInputLayout.Channels, 16, 7, padding: 3), new BatchNorm1d(16), new Relu(), new MaxPool1d(2),
            new Conv1d(16, 32, 5, padding: 2), new BatchNorm1d(32), new Relu(), new MaxPool1d(2),
            new Conv1d(32, 32, 5, padding: 2), new BatchNorm1d(32), new Relu(), new MaxPool1d(2),
            new Flatten());
        var width = 32 * TrunkLength() + BeatInputLayout.FeatureCount;
        var head = new Sequential(
            new BatchNorm1d(width),
            new Dense(width, 64), new Relu(), new Dropout(dropout),
            new Dense(64, AamiMapping.ClassCount));
        return new Network(trunk, head, BeatInputLayout.FeatureCount, seed);
    }

    private static int TrunkLength()
    {
        var length = BeatInputLayout.Length;
        for (var i = 0; i < 3; i++) length /= 2;
        return length;
    }
}
