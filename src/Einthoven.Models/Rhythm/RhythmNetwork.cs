using Einthoven.Learning;
using Einthoven.Learning.Layers;

namespace Einthoven.Models.Rhythm;

/// <summary>The two rhythm model shapes compared by cross-validation.</summary>
public enum RhythmModelKind
{
    /// <summary>A perceptron over the <see cref="RhythmFeatures"/> alone.</summary>
    Mlp,

    /// <summary>A convolutional trunk over <see cref="RhythmSignal"/>, its pooled output joined with the features.</summary>
    Cnn,
}

public static class RhythmNetwork
{
    public static Network Create(RhythmModelKind kind, ulong seed) => kind switch
    {
        RhythmModelKind.Mlp => CreateMlp(seed),
        RhythmModelKind.Cnn => CreateCnn(seed),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown rhythm model kind"),
    };

    public static Network CreateMlp(ulong seed) => new(new Sequential(
        new Dense(RhythmFeatures.Count, 64), new Gelu(), new Dropout(0.2f),
        new Dense(64, 32), new Gelu(),
        new Dense(32, RhythmLabels.All.Length)), seed: seed);

    /// <summary>
    /// Five stride-2 convolution blocks over [1, L] at 100 Hz (receptive field about 1.5 s: a few beats), global
    /// average pooling to 32 values, joined with the standardised features, then a small head. About 2 MMAC per 20 s.
    /// </summary>
    public static Network CreateCnn(ulong seed)
    {
        var trunk = new Sequential(
            Block(1, 8, 7), Block(8, 16, 7), Block(16, 24, 7), Block(24, 32, 5), Block(32, 32, 5),
            new GlobalAvgPool1d());
        var width = 32 + RhythmFeatures.Count;
        var head = new Sequential(
            new Dense(width, 64), new Gelu(), new Dropout(0.2f),
            new Dense(64, 32), new Gelu(),
            new Dense(32, RhythmLabels.All.Length));
        return new Network(trunk, head, RhythmFeatures.Count, seed);
    }

    private static Sequential Block(int input, int output, int kernel) =>
        new(new Conv1d(input, output, kernel, stride: 2, padding: kernel / 2), new BatchNorm1d(output), new Relu());
}
