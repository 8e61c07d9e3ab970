using Einthoven.Learning;
using Einthoven.Learning.Layers;

namespace Einthoven.Models.TwelveLead;

/// <summary>
/// A 1-D ResNet over the 12 leads at 100 Hz in the manner of the PTB-XL benchmark's resnet1d (Strodthoff et al. 2021):
/// a stride-2 stem, three stages of two residual blocks (the second and third stages halve the length and double the
/// width), global average pooling, then the standardised <see cref="TwelveLeadFeatures"/> joined to the pooled signal
/// and a small head with one logit per class (sigmoid: several statements may hold at once).
/// </summary>
public static class TwelveLeadNetwork
{
    public const int Leads = 12;
    public const double RateHz = 100;
    public const int Length = 1000;

    /// <param name="width">Channels of the first stage (the others have 2x and 4x).</param>
    public static Network Create(int width, int classes, ulong seed)
    {
        const int kernel = 7;
        var trunk = new Sequential(
            new Conv1d(Leads, width, kernel, stride: 2, padding: kernel / 2, bias: false), new BatchNorm1d(width), new Relu(),
            new ResidualBlock(width, width, kernel), new ResidualBlock(width, width, kernel),
            new ResidualBlock(width, 2 * width, kernel, stride: 2), new ResidualBlock(2 * width, 2 * width, kernel),
            new ResidualBlock(2 * width, 4 * width, kernel, stride: 2), new ResidualBlock(4 * width, 4 * width, kernel),
            new GlobalAvgPool1d());
        var head = new Sequential(
            new Dense(4 * width + TwelveLeadFeatures.Count, 128), new Relu(), new Dropout(0.3f),
            new Dense(128, classes));
        return new Network(trunk, head, TwelveLeadFeatures.Count, seed);
    }
}
